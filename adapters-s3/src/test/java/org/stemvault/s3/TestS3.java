package org.stemvault.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real S3-compatible server on loopback for the whole test run: S3Proxy (Maven Central's {@code
 * org.gaul:s3proxy} runnable jar, copied into {@code target/s3proxy} by the build) with its
 * filesystem backend, started as a child process with AWS v2/v4 signatures and stopped with the
 * JVM.
 */
public final class TestS3 {

    public static final String ACCESS_KEY = "stemvault-test";
    public static final String SECRET_KEY = "stemvault-test-secret-0123456789";

    private static URI endpoint;

    private TestS3() {}

    /** The server's endpoint, starting it on first use. */
    public static synchronized URI endpoint() {
        if (endpoint == null) {
            endpoint = start();
        }
        return endpoint;
    }

    /** Settings for a bucket of this name on the test server; the bucket is made if missing. */
    public static S3Settings settings(String bucket, String prefix) {
        S3Settings settings =
                new S3Settings(
                        endpoint(), "us-east-1", bucket, ACCESS_KEY, SECRET_KEY, true, prefix);
        new S3MediaStore(settings).checkBucket(true);
        return settings;
    }

    private static URI start() {
        String jar = System.getProperty("stemvault.test.s3proxy-jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(
                    "S3Proxy's jar is missing ("
                            + jar
                            + "): the build copies it; run ./mvnw verify");
        }
        try {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path dir = Files.createTempDirectory("stemvault-s3proxy");
            Path data = Files.createDirectories(dir.resolve("data"));
            Path properties = dir.resolve("s3proxy.conf");
            Files.write(
                    properties,
                    List.of(
                            "s3proxy.endpoint=http://127.0.0.1:" + port,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + SECRET_KEY,
                            "jclouds.provider=filesystem",
                            "jclouds.filesystem.basedir=" + data));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process =
                    new ProcessBuilder(
                                    java.toString(),
                                    "-Xmx256m",
                                    "-jar",
                                    jar,
                                    "--properties",
                                    properties.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("s3proxy.log").toFile())
                            .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "S3Proxy stopped at start: "
                                    + Files.readString(dir.resolve("s3proxy.log")));
                }
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return URI.create("http://127.0.0.1:" + port);
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            process.destroy();
            throw new IllegalStateException("S3Proxy did not answer on port " + port + " in 30 s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
