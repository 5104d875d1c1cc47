package org.stemvault.application.feedback;

import java.util.Locale;

/** The normal form under which a query's feedback is gathered. */
public final class Queries {

    private Queries() {}

    /** Lower case, runs of white space as one space, no space at either end; null stays null. */
    public static String normal(String text) {
        if (text == null) {
            return null;
        }
        String normal = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return normal.isEmpty() ? null : normal;
    }

    /** The normal form of "more like this recording": its own key, so its feedback is its own. */
    public static String similarTo(java.util.UUID recording) {
        return "similar:" + recording;
    }
}
