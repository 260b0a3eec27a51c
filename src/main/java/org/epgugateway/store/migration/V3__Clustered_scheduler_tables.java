package org.epgugateway.store.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates the tables of Quartz's clustered JDBC job store on PostgreSQL, from the DDL file shipped inside the Quartz
 * jar (not retyped, so it always matches the Quartz version in use). Several gateway instances on one PostgreSQL
 * then share one poll schedule, and each tick fires on one instance only. The embedded H2 store serves one instance,
 * whose poll schedule lives in memory, so nothing is created there.
 */
public class V3__Clustered_scheduler_tables extends BaseJavaMigration {

    /** The DDL for PostgreSQL inside the Quartz jar. */
    static final String QUARTZ_POSTGRES_DDL = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (!product.contains("postgres")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(readDdl())) {
                statement.execute(sql);
            }
        }
    }

    private static String readDdl() throws IOException {
        try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream(QUARTZ_POSTGRES_DDL)) {
            if (in == null) {
                throw new IOException("The Quartz jar has no " + QUARTZ_POSTGRES_DDL);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The DDL's statements without comments, without its leading DROPs (this is a fresh schema) and without its
     * closing COMMIT (Flyway runs the migration in its own transaction).
     */
    static List<String> statements(String ddl) throws SQLException {
        StringBuilder text = new StringBuilder();
        for (String line : ddl.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : text.toString().split(";")) {
            String sql = statement.strip();
            String upper = sql.toUpperCase(Locale.ROOT);
            if (sql.isEmpty() || upper.startsWith("DROP ") || upper.equals("COMMIT")) {
                continue;
            }
            statements.add(sql);
        }
        if (statements.isEmpty()) {
            throw new SQLException("No statement found in " + QUARTZ_POSTGRES_DDL);
        }
        return statements;
    }
}
