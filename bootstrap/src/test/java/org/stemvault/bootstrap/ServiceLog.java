package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the service logs while a test runs, to prove that client errors put no stack trace there (a
 * client error is the client's, not an incident).
 */
final class ServiceLog {

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    /** Starts listening to the root logger, forgetting what was heard before. */
    void listen() {
        events.list.clear();
        events.start();
        root().addAppender(events);
    }

    /** Stops listening; fails if the service logged any event with a throwable meanwhile. */
    void assertNoStackTraces() {
        root().detachAppender(events);
        for (ILoggingEvent event : events.list) {
            if (event.getLoggerName().startsWith("no.nav.security.mock")) {
                continue; // the test's own identity provider, not the service
            }
            assertTrue(
                    event.getThrowableProxy() == null,
                    "a client error logged a stack trace: "
                            + event.getLoggerName()
                            + " "
                            + event.getFormattedMessage());
        }
    }

    /** The messages heard so far from loggers under {@code prefix} that contain {@code text}. */
    List<String> messages(String prefix, String text) {
        return events.list.stream()
                .filter(e -> e.getLoggerName().startsWith(prefix))
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(text))
                .toList();
    }

    /** The events heard so far that carry a throwable (stack traces). */
    List<ILoggingEvent> stackTraces() {
        return events.list.stream().filter(e -> e.getThrowableProxy() != null).toList();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
