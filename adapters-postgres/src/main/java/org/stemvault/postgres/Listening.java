package org.stemvault.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL channel heard ({@code LISTEN}), on a connection of its own outside the pool and a
 * daemon thread: every notification's payload goes to {@code heard}. After a lost connection it
 * listens again, and tells {@code resumed} first, since a notification may have passed unheard
 * meanwhile; while it is not listening, {@link #live} is false.
 */
public final class Listening {

    private static final Logger LOG = LoggerFactory.getLogger(Listening.class);

    private final String url;
    private final Properties credentials = new Properties();
    private final String channel;
    private final Consumer<String> heard;
    private final Runnable resumed;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean live;
    private volatile boolean closed;
    private volatile Thread thread;

    /** {@code channel} must be a plain identifier: it is written into {@code LISTEN}. */
    public Listening(
            String url,
            String username,
            String password,
            String channel,
            Consumer<String> heard,
            Runnable resumed) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("channel: " + channel);
        }
        this.url = url;
        this.channel = channel;
        this.heard = heard;
        this.resumed = resumed;
        if (username != null && !username.isEmpty()) {
            credentials.setProperty("user", username);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
    }

    /**
     * Starts listening, once, and waits up to {@code wait} until it does; answers {@link #live}.
     */
    public boolean start(long wait, TimeUnit unit) {
        if (thread == null) {
            synchronized (this) {
                if (thread == null) {
                    Thread t = new Thread(this::listen, "stemvault-listen-" + channel);
                    t.setDaemon(true);
                    t.start();
                    thread = t;
                }
            }
        }
        if (live || wait <= 0) {
            return live;
        }
        try {
            listening.await(wait, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return live;
    }

    /** Whether every notification since the last {@code resumed} has been heard. */
    public boolean live() {
        return live;
    }

    private void listen() {
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, credentials)) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                if (listening.getCount() == 0) {
                    resumed.run();
                }
                live = true;
                listening.countDown();
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            heard.accept(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                live = false;
                if (!closed) {
                    LOG.warn("{}: listening stopped ({}); again in 1 s", channel, e.getMessage());
                    sleep();
                }
            }
        }
        live = false;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening (within a second). */
    public void close() {
        closed = true;
        live = false;
    }
}
