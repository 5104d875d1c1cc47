package org.stemvault.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A user agent that follows no redirect, so each hop of a login is seen and asserted, and that
 * keeps one cookie jar for every host (the service and the identity provider run on loopback with
 * different ports).
 */
final class Browser {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    final Map<String, String> cookies = new LinkedHashMap<>();

    Browser() {}

    Browser(Map<String, String> cookies) {
        this.cookies.putAll(cookies);
    }

    /**
     * A copy with the same cookies, as a second tab, or an attacker who copied them, would have.
     */
    Browser copy() {
        return new Browser(cookies);
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    HttpResponse<String> get(String url, String bearer) {
        return send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + bearer)
                        .GET(),
                false);
    }

    HttpResponse<String> post(String url) {
        return send(
                HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) {
        String body =
                form.entrySet().stream()
                        .map(
                                e ->
                                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        return send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, true);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean withCookies) {
        if (withCookies && !cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response =
                    HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            keepCookies(response.headers().allValues("set-cookie"));
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void keepCookies(List<String> setCookies) {
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            boolean expired = header.toLowerCase().contains("max-age=0");
            if (expired || value.isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    static String location(HttpResponse<?> response) {
        return response.headers()
                .firstValue("location")
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no Location header; status " + response.statusCode()));
    }

    static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("set-cookie");
    }
}
