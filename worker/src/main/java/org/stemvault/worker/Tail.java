package org.stemvault.worker;

import java.util.List;

/** The last lines of a program's output, for a failure's reason. */
final class Tail {

    /** At most this many characters of output in a reason (the service keeps 10,000). */
    static final int MAX_CHARS = 4000;

    private Tail() {}

    static String of(String output, int lines) {
        List<String> all = output.lines().filter(l -> !l.isBlank()).toList();
        String tail = String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        return tail.length() > MAX_CHARS ? tail.substring(tail.length() - MAX_CHARS) : tail;
    }
}
