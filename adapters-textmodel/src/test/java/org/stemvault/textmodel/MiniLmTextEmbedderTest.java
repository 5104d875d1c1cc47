package org.stemvault.textmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stemvault.domain.search.Vector;

class MiniLmTextEmbedderTest {

    static final MiniLmTextEmbedder MODEL = new MiniLmTextEmbedder();

    static double cosine(Vector a, Vector b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return dot / Math.sqrt(nx * ny);
    }

    @Test
    void a_paraphrase_is_closer_than_an_unrelated_sentence() {
        Vector groove = MODEL.embed("Dark moody groove. Slow heavy bass jam late at night.");
        Vector paraphrase = MODEL.embed("a gloomy, slow rhythm with deep bass");
        Vector unrelated = MODEL.embed("Bright cheerful pop song with handclaps");
        assertEquals(384, groove.dimensions());
        assertTrue(
                cosine(groove, paraphrase) > cosine(groove, unrelated),
                cosine(groove, paraphrase) + " vs " + cosine(groove, unrelated));
    }

    @Test
    void the_same_text_gives_the_same_vector() {
        assertEquals(MODEL.embed("Tuesday jam"), MODEL.embed("Tuesday jam"));
    }
}
