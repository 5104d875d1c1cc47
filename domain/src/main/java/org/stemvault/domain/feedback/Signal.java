package org.stemvault.domain.feedback;

/**
 * What members did with one result before, as a search reads it: how many acts count ({@code
 * events}, after the per-member cap), the sum of their rewards for this very query ({@code exact},
 * each divided by the chance its position had of being looked at) and for similar past queries
 * ({@code similar}, the same, each also weighted by how close that query's embedding is).
 */
public record Signal(int events, double exact, double similar) {

    /** No feedback at all. */
    public static final Signal NONE = new Signal(0, 0, 0);
}
