package org.stemvault.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of the test database, so a test can take the database away (refuse
 * and cut every connection) and give it back on the same port, as a stopped and restarted
 * PostgreSQL would, or freeze it (connections open, nothing answered).
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean frozen;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        up();
    }

    int port() {
        return port;
    }

    synchronized void up() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = socket;
        Thread acceptor = new Thread(() -> accept(socket), "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Stops forwarding: connections stay open and new ones are accepted, but no byte passes, as
     * with a PostgreSQL whose processes were stopped (SIGSTOP).
     */
    void freeze() {
        frozen = true;
    }

    /** Forwards again what was held and what comes. */
    void thaw() {
        frozen = false;
    }

    synchronized void down() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                // A pair made while down() ran would outlive the outage: it is registered under
                // down()'s lock, and closed at once when the proxy went down meanwhile.
                synchronized (this) {
                    if (socket.isClosed()) {
                        client.close();
                        upstream.close();
                        return;
                    }
                    open.add(client);
                    open.add(upstream);
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t =
                new Thread(
                        () -> {
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                byte[] buffer = new byte[8192];
                                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                                    while (frozen) {
                                        Thread.sleep(10);
                                    }
                                    out.write(buffer, 0, n);
                                    out.flush();
                                }
                            } catch (IOException | InterruptedException ignored) {
                                // the other side went away: so does this one
                            } finally {
                                try {
                                    from.close();
                                    to.close();
                                } catch (IOException ignored) {
                                    // already closed
                                }
                            }
                        },
                        "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        down();
    }
}
