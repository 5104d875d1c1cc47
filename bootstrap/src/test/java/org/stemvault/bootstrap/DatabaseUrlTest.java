package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void without_database_url_the_local_database_is_used() {
        DatabaseUrl url = DatabaseUrl.fromEnvironment(Map.of());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/stemvault", url.jdbcUrl());
        assertEquals("postgres", url.username());
    }

    @Test
    void a_postgres_url_becomes_a_jdbc_url_with_decoded_credentials() {
        DatabaseUrl url =
                DatabaseUrl.fromEnvironment(
                        Map.of(
                                "DATABASE_URL",
                                "postgres://svc:p%40ss@db.internal:6543/stemvault?sslmode=require"));
        assertEquals("jdbc:postgresql://db.internal:6543/stemvault?sslmode=require", url.jdbcUrl());
        assertEquals("svc", url.username());
        assertEquals("p@ss", url.password());
        assertEquals("p@ss", url.properties().get("datasources.default.password"));
    }

    @Test
    void a_jdbc_url_is_taken_as_it_is_and_shown_without_its_password() {
        DatabaseUrl url =
                DatabaseUrl.fromEnvironment(
                        Map.of(
                                "DATABASE_URL",
                                "jdbc:postgresql://h/db?user=u&password=secret",
                                "DATABASE_USER",
                                "u"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=secret", url.jdbcUrl());
        assertFalse(url.redacted().contains("secret"));
    }

    @Test
    void anything_else_is_refused_with_a_reason() {
        assertThrows(
                IllegalArgumentException.class,
                () -> DatabaseUrl.fromEnvironment(Map.of("DATABASE_URL", "mysql://h/db")));
        assertThrows(
                IllegalArgumentException.class,
                () -> DatabaseUrl.fromEnvironment(Map.of("DATABASE_URL", "postgres://hostonly")));
    }
}
