package org.stemvault.bootstrap;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the database is, from {@code DATABASE_URL}: either a JDBC URL ({@code jdbc:postgresql://…})
 * or the common {@code postgres://user:password@host:port/database?params} form; without it, the
 * local database.
 */
record DatabaseUrl(String jdbcUrl, String username, String password) {

    static final String DEFAULT = "jdbc:postgresql://127.0.0.1:5432/stemvault";

    static DatabaseUrl fromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault("DATABASE_URL", "");
        String user = env.getOrDefault("DATABASE_USER", "");
        String password = env.getOrDefault("DATABASE_PASSWORD", "");
        if (url.isBlank()) {
            return new DatabaseUrl(DEFAULT, user.isBlank() ? "postgres" : user, password);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(url, user, password);
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            return parse(url, user, password);
        }
        throw new IllegalArgumentException(
                "DATABASE_URL must start with jdbc:postgresql:, postgres:// or postgresql://");
    }

    private static DatabaseUrl parse(String url, String user, String password) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("DATABASE_URL must name a host and a database");
        }
        String jdbc =
                "jdbc:postgresql://"
                        + uri.getHost()
                        + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                        + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? password : decode(info.substring(colon + 1));
        }
        return new DatabaseUrl(jdbc, user, password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** The data source settings for Micronaut. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", jdbcUrl);
        if (!username.isBlank()) {
            properties.put("datasources.default.username", username);
        }
        if (!password.isEmpty()) {
            properties.put("datasources.default.password", password);
        }
        return properties;
    }

    /** The URL to show in messages: no password in it. */
    String redacted() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
