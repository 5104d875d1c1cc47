package org.stemvault.worker;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One line per event, to standard error: time, worker thread, event, then what happened. */
final class Log {

    private final PrintStream out;

    Log(PrintStream out) {
        this.out = out;
    }

    void line(String event, String what) {
        String line =
                Instant.now().truncatedTo(ChronoUnit.MILLIS)
                        + " ["
                        + Thread.currentThread().getName()
                        + "] "
                        + event
                        + " "
                        + what.replace('\n', ' ');
        synchronized (out) {
            out.println(line);
        }
    }
}
