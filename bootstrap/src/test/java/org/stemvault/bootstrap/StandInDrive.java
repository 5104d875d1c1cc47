package org.stemvault.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test stand-in for Google Drive's v3 API (it is not Drive): on loopback it serves the few
 * endpoints the service calls — {@code files.list} with {@code q} ({@code '<id>' in parents}) and
 * {@code pageToken}, {@code files.get} (metadata, or {@code alt=media} with {@code Range}), {@code
 * changes.getStartPageToken}, {@code changes.list}, {@code changes.watch} and {@code channels.stop}
 * — over an in-memory tree, and posts change notifications to the channels it was asked to open,
 * with the headers Drive sends. Access tokens must be ones the development identity provider issued
 * (a JWT naming its issuer). Failures can be injected: a number of answers with a given status
 * (rate limits, server errors), and a download cut short.
 */
final class StandInDrive implements AutoCloseable {

    static final String FOLDER = "application/vnd.google-apps.folder";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file or folder of the stand-in tree. */
    record Item(
            String id,
            String name,
            String mimeType,
            String parent,
            byte[] content,
            Instant modified,
            boolean trashed) {}

    /** A channel the service opened. */
    record Channel(String id, String token, String address, String resourceId, long expiration) {}

    private final HttpServer server;
    private final String issuer;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final List<String> changes = new ArrayList<>();
    private final AtomicInteger messages = new AtomicInteger();

    /** Channels open now, by id. */
    final Map<String, Channel> channels = new ConcurrentHashMap<>();

    /** Every request, as {@code METHOD path}. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    /** How many of the next Drive requests to answer with {@link #failStatus}. */
    final AtomicInteger failures = new AtomicInteger();

    volatile int failStatus = 429;
    volatile String failReason = "rateLimitExceeded";

    /** Children listed per page. */
    volatile int pageSize = 100;

    /** Access tokens issued up to this second (epoch) are refused, as after a revocation. */
    volatile long refuseIssuedUpTo = Long.MIN_VALUE;

    /** A download of this file id stops after half its bytes (the connection drops). */
    volatile String cutShort;

    /** Called once a download of a file has sent half its bytes. */
    volatile Runnable midDownload;

    StandInDrive(String issuer) throws IOException {
        this.issuer = issuer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** Drive's API root, as the service is configured with it. */
    String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Forgets the tree, the channels, the requests and any injected failure. */
    synchronized void reset() {
        items.clear();
        changes.clear();
        channels.clear();
        requests.clear();
        failures.set(0);
        pageSize = 100;
        cutShort = null;
        midDownload = null;
        refuseIssuedUpTo = Long.MIN_VALUE;
    }

    synchronized void folder(String id, String name, String parent) {
        put(new Item(id, name, FOLDER, parent, null, Instant.now(), false));
    }

    synchronized void file(String id, String name, String parent, byte[] content) {
        put(new Item(id, name, mime(name), parent, content, Instant.now(), false));
    }

    /** The file's content and modified time change. */
    synchronized void change(String id, byte[] content) {
        Item old = items.get(id);
        put(
                new Item(
                        id,
                        old.name(),
                        old.mimeType(),
                        old.parent(),
                        content,
                        old.modified().plusSeconds(60),
                        false));
    }

    synchronized void trash(String id) {
        Item old = items.get(id);
        put(
                new Item(
                        id,
                        old.name(),
                        old.mimeType(),
                        old.parent(),
                        old.content(),
                        old.modified(),
                        true));
    }

    synchronized Item item(String id) {
        return items.get(id);
    }

    private void put(Item item) {
        items.put(item.id(), item);
        changes.add(item.id());
    }

    /**
     * Posts a change notification for the channel to {@code address} (its own when null), as Drive
     * does; answers the status the service gave.
     */
    int notify(Channel channel, String address, String state) throws Exception {
        return post(
                address == null ? channel.address() : address,
                channel.id(),
                channel.token(),
                channel.resourceId(),
                state);
    }

    /** A notification with any headers (forged ones); null leaves a header out. */
    int post(String address, String channelId, String token, String resourceId, String state)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(address))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .header("X-Goog-Message-Number", String.valueOf(messages.incrementAndGet()))
                        .header("X-Goog-Resource-State", state);
        if (channelId != null) {
            request.header("X-Goog-Channel-ID", channelId);
        }
        if (token != null) {
            request.header("X-Goog-Channel-Token", token);
        }
        if (resourceId != null) {
            request.header("X-Goog-Resource-ID", resourceId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            error(exchange, 400, "invalid", "Invalid Value"); // as Drive answers a bad page token
        } catch (RuntimeException e) {
            // the connection is simply dropped
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            requests.add(
                    exchange.getRequestMethod()
                            + " "
                            + path
                            + (query.containsKey("alt") ? "?alt=" + query.get("alt") : ""));
            if (!authorized(exchange)) {
                error(exchange, 401, "authError", "Invalid Credentials");
                return;
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, failStatus, failReason, "injected failure");
                return;
            }
            String method = exchange.getRequestMethod();
            Matcher file = Pattern.compile("/(?:download/)?drive/v3/files/([^/]+)").matcher(path);
            if (method.equals("GET") && path.equals("/drive/v3/files")) {
                list(exchange, query);
            } else if (method.equals("GET") && file.matches()) {
                Item item;
                synchronized (this) {
                    item = items.get(file.group(1));
                }
                if (item == null) {
                    error(exchange, 404, "notFound", "File not found: " + file.group(1));
                } else if ("media".equals(query.get("alt"))) {
                    media(exchange, item);
                } else {
                    send(exchange, 200, describe(item));
                }
            } else if (method.equals("GET") && path.equals("/drive/v3/changes/startPageToken")) {
                synchronized (this) {
                    send(
                            exchange,
                            200,
                            JSON.createObjectNode()
                                    .put("startPageToken", String.valueOf(changes.size())));
                }
            } else if (method.equals("GET") && path.equals("/drive/v3/changes")) {
                changes(exchange, query);
            } else if (method.equals("POST") && path.equals("/drive/v3/changes/watch")) {
                watch(exchange);
            } else if (method.equals("POST") && path.equals("/drive/v3/channels/stop")) {
                JsonNode body = body(exchange);
                channels.remove(body.path("id").asText());
                exchange.sendResponseHeaders(204, -1);
            } else {
                error(exchange, 404, "notFound", "no such endpoint in the stand-in");
            }
        }
    }

    /** A bearer token the development identity provider issued: a JWT naming its issuer. */
    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = header.substring(7).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("iss").asText().equals(issuer)
                    && claims.path("iat").asLong() > refuseIssuedUpTo;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        Matcher parent =
                Pattern.compile("'([^']+)' in parents").matcher(query.getOrDefault("q", ""));
        if (!parent.find()) {
            error(exchange, 400, "invalid", "only '<id>' in parents is served");
            return;
        }
        List<Item> children;
        synchronized (this) {
            children =
                    items.values().stream()
                            .filter(i -> parent.group(1).equals(i.parent()) && !i.trashed())
                            .sorted(
                                    (a, b) ->
                                            a.mimeType().equals(FOLDER)
                                                            != b.mimeType().equals(FOLDER)
                                                    ? (a.mimeType().equals(FOLDER) ? -1 : 1)
                                                    : a.name().compareTo(b.name()))
                            .toList();
        }
        int from = Integer.parseInt(query.getOrDefault("pageToken", "0"));
        int to = Math.min(children.size(), from + pageSize);
        ObjectNode page = JSON.createObjectNode();
        ArrayNode files = page.putArray("files");
        children.subList(from, to).forEach(i -> files.add(describe(i)));
        if (to < children.size()) {
            page.put("nextPageToken", String.valueOf(to));
        }
        send(exchange, 200, page);
    }

    private void media(HttpExchange exchange, Item item) throws IOException {
        byte[] content = item.content();
        long from = 0;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(range);
            if (m.matches()) {
                from = Long.parseLong(m.group(1));
            }
        }
        int length = (int) (content.length - from);
        exchange.getResponseHeaders().set("Content-Type", item.mimeType());
        if (range != null) {
            exchange.getResponseHeaders()
                    .set(
                            "Content-Range",
                            "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        }
        exchange.sendResponseHeaders(range == null ? 200 : 206, length);
        OutputStream out = exchange.getResponseBody();
        int half = length / 2;
        out.write(content, (int) from, half);
        out.flush();
        Runnable during = midDownload;
        if (during != null) {
            midDownload = null;
            during.run();
        }
        if (item.id().equals(cutShort)) {
            exchange.close(); // the connection drops mid-file
            return;
        }
        out.write(content, (int) from + half, length - half);
    }

    private void changes(HttpExchange exchange, Map<String, String> query) throws IOException {
        int from = Integer.parseInt(query.getOrDefault("pageToken", "0"));
        ObjectNode page = JSON.createObjectNode();
        ArrayNode list = page.putArray("changes");
        synchronized (this) {
            int to = Math.min(changes.size(), from + pageSize);
            for (String id : changes.subList(Math.min(from, changes.size()), to)) {
                ObjectNode change = list.addObject().put("fileId", id).put("removed", false);
                change.set("file", describe(items.get(id)));
            }
            if (to < changes.size()) {
                page.put("nextPageToken", String.valueOf(to));
            } else {
                page.put("newStartPageToken", String.valueOf(changes.size()));
            }
        }
        send(exchange, 200, page);
    }

    /** A JSON body, gzipped as Google's client sends it, or not. */
    private static JsonNode body(HttpExchange exchange) throws IOException {
        java.io.InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new java.util.zip.GZIPInputStream(in);
        }
        return JSON.readTree(in);
    }

    private void watch(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        Channel channel =
                new Channel(
                        body.path("id").asText(),
                        body.path("token").asText(),
                        body.path("address").asText(),
                        "resource-" + body.path("id").asText(),
                        body.path("expiration").asLong());
        channels.put(channel.id(), channel);
        send(
                exchange,
                200,
                JSON.createObjectNode()
                        .put("kind", "api#channel")
                        .put("id", channel.id())
                        .put("resourceId", channel.resourceId())
                        .put("resourceUri", root() + "drive/v3/changes")
                        .put("expiration", String.valueOf(channel.expiration())));
    }

    private ObjectNode describe(Item item) {
        ObjectNode node =
                JSON.createObjectNode()
                        .put("kind", "drive#file")
                        .put("id", item.id())
                        .put("name", item.name())
                        .put("mimeType", item.mimeType())
                        .put("modifiedTime", item.modified().toString())
                        .put("trashed", item.trashed());
        if (item.content() != null) {
            node.put("size", String.valueOf(item.content().length));
        }
        if (item.parent() != null) {
            node.putArray("parents").add(item.parent());
        }
        return node;
    }

    private static void error(HttpExchange exchange, int status, String reason, String message)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", status).put("message", message);
        error.putArray("errors")
                .addObject()
                .put("domain", "usageLimits")
                .put("reason", reason)
                .put("message", message);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0
                            ? ""
                            : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String mime(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".wav")) {
            return "audio/wav";
        }
        if (lower.endsWith(".mp3")) {
            return "audio/mpeg";
        }
        if (lower.endsWith(".flac")) {
            return "audio/flac";
        }
        return lower.endsWith(".pdf") ? "application/pdf" : "application/octet-stream";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
