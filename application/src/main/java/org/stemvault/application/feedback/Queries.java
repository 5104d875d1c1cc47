package org.stemvault.application.feedback;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** The normal form under which a query's feedback is gathered. */
public final class Queries {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Queries() {}

    /** Lower case, runs of white space as one space, no space at either end; null stays null. */
    public static String normal(String text) {
        if (text == null) {
            return null;
        }
        String normal = SPACES.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        return normal.isEmpty() ? null : normal;
    }

    /** The normal form of "more like this recording": its own key, so its feedback is its own. */
    public static String similarTo(UUID recording) {
        return "similar:" + recording;
    }
}
