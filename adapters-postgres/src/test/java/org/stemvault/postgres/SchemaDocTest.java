package org.stemvault.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/schema.md} names every table and every column the migrations make: the page a
 * newcomer reads stays true to the schema the service runs on.
 */
@MicronautTest(transactional = false)
class SchemaDocTest extends PostgresTestSupport {

    static final Path PAGE = Path.of("..", "docs", "schema.md");

    @Test
    void the_schema_page_names_every_table_and_column() throws Exception {
        String page = Files.readString(PAGE).replace('\n', ' ');
        String glance = page.substring(page.indexOf("## Schema at a glance"));
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT table_name, column_name FROM information_schema.columns"
                                        + " WHERE table_schema = 'public'"
                                        + " AND table_name NOT LIKE 'flyway%'"
                                        + " ORDER BY table_name, ordinal_position")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                        .add(rs.getString(2));
            }
        }
        assertTrue(columns.size() > 15, "the migrated schema: " + columns.keySet());
        List<String> missing = new ArrayList<>();
        columns.forEach(
                (table, names) -> {
                    // "`table` (" or, for two alike, "`songs` and `locations` ("
                    Matcher start =
                            Pattern.compile(
                                            "`"
                                                    + table
                                                    + "`( and `\\w+`)? \\(|`\\w+` and `"
                                                    + table
                                                    + "` \\(")
                                    .matcher(glance);
                    if (!start.find()) {
                        missing.add(table);
                        return;
                    }
                    // a table's part runs to the next " · "
                    int end = glance.indexOf(" · ", start.end());
                    String part = glance.substring(start.start(), end < 0 ? glance.length() : end);
                    for (String column : names) {
                        if (!Pattern.compile("\\b" + column + "\\b").matcher(part).find()) {
                            missing.add(table + "." + column);
                        }
                    }
                });
        assertEquals(List.of(), missing, "docs/schema.md lacks these");
    }
}
