package org.stemvault.domain.search;

/** Turns text into a vector of a fixed number of dimensions, comparable by cosine similarity. */
public interface TextEmbedder {

    int dimensions();

    Vector embed(String text);
}
