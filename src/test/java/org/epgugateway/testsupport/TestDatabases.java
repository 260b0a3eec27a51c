package org.epgugateway.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.epgugateway.store.StoreDatabase;

/**
 * Store databases for tests: the embedded H2 default in a temp folder, and the machine's PostgreSQL with a schema of
 * the test's own, so runs never see each other's rows.
 */
public final class TestDatabases {

    /** The PostgreSQL the test suite uses; {@code TEST_PG_URL} overrides it. */
    public static final String POSTGRES_URL = System.getenv().getOrDefault("TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = System.getenv().getOrDefault("TEST_PG_USER", "postgres");

    private TestDatabases() {
    }

    /** A fresh schema name, unique to this run. */
    public static String freshSchema() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    public static StoreDatabase h2(Path workFolder) {
        return StoreDatabase.open("", "", "", "", workFolder);
    }

    public static StoreDatabase postgres(String schema, Path workFolder) {
        return StoreDatabase.open(POSTGRES_URL, POSTGRES_USER, "", schema, workFolder);
    }

    /** Removes a schema a test created. */
    public static void dropSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
