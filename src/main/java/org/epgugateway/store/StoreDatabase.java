package org.epgugateway.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.epgugateway.privacy.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's database: an embedded H2 file under the work folder unless a JDBC URL is configured, with the schema
 * brought up to date by migrations before first use.
 */
public final class StoreDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);
    /** H2's error code when another process holds the database files open. */
    private static final int H2_DATABASE_IN_USE = 90020;
    /** The databases the migrations are written and tested for. */
    private static final List<String> SUPPORTED = List.of("jdbc:h2:", "jdbc:postgresql:");

    private final HikariDataSource dataSource;
    private final String description;
    private final boolean embedded;

    private StoreDatabase(HikariDataSource dataSource, String description, boolean embedded) {
        this.dataSource = dataSource;
        this.description = description;
        this.embedded = embedded;
    }

    /**
     * Opens the database and migrates it.
     *
     * @param url the JDBC URL; blank means the embedded default under {@code workFolder}
     * @param user the user, may be blank
     * @param password the password, may be blank
     * @param schema the schema to use and create if missing, may be blank for the database's default
     * @param workFolder the gateway's work folder, home of the embedded database
     * @throws StoreException when the URL is not one of H2 or PostgreSQL, or the database cannot be opened
     */
    public static StoreDatabase open(String url, String user, String password, String schema, Path workFolder) {
        boolean embedded = url == null || url.isBlank();
        if (!embedded && !isSupported(url)) {
            throw new StoreException(unsupported(url), null);
        }
        String jdbcUrl = embedded ? embeddedUrl(workFolder) : url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("order-store");
        config.setMaximumPoolSize(embedded ? 8 : 16);
        config.setConnectionTimeout(10_000);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        if (schema != null && !schema.isBlank()) {
            config.setSchema(schema);
        }
        String description = embedded ? "embedded H2 in " + workFolder.resolve("store") : redact(jdbcUrl);
        HikariDataSource dataSource;
        try {
            if (embedded) {
                // H2 creates its files with the process's default mode; an owner-only folder keeps them private
                OwnerOnly.createFolder(workFolder);
                OwnerOnly.ensureFolder(workFolder.resolve("store"));
            }
            migrate(jdbcUrl, user, password, schema);
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot open the order store (" + description + "): " + reasonOf(e), e);
        }
        LOG.info("Order store ready: {}", description);
        return new StoreDatabase(dataSource, description, embedded);
    }

    /**
     * Whether a JDBC URL names a database the store supports: H2 or PostgreSQL.
     */
    public static boolean isSupported(String url) {
        String trimmed = url.trim();
        return SUPPORTED.stream().anyMatch(trimmed::startsWith);
    }

    /**
     * Says that a URL names a database the store does not support, showing only its scheme: the rest may hold a
     * password.
     */
    public static String unsupported(String url) {
        String trimmed = url.trim();
        int second = trimmed.indexOf(':', trimmed.indexOf(':') + 1);
        String scheme = second > 0 ? trimmed.substring(0, second) : "'" + trimmed.split("[/?;]", 2)[0] + "'";
        return "store.url (STORE_URL) names " + scheme + ", which the order store does not support: only H2 "
                + "(jdbc:h2:...) and PostgreSQL (jdbc:postgresql://host:5432/db) are; leave it empty for the "
                + "embedded H2";
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    public String description() {
        return description;
    }

    /**
     * Whether this is the embedded H2 default, which one process at a time can open; shared deployments use a
     * database server.
     */
    public boolean isEmbedded() {
        return embedded;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static void migrate(String jdbcUrl, String user, String password, String schema) {
        var configuration = Flyway.configure()
                .dataSource(jdbcUrl, blankToNull(user), blankToNull(password))
                .locations("classpath:db/migration", "classpath:org/epgugateway/store/migration");
        if (schema != null && !schema.isBlank()) {
            configuration.schemas(schema).createSchemas(true);
        }
        configuration.load().migrate();
    }

    /**
     * An H2 file database that writes each commit at once (no write delay), so a killed process loses nothing it
     * reported as committed.
     */
    static String embeddedUrl(Path workFolder) {
        Path file = workFolder.resolve("store").resolve("gateway").toAbsolutePath();
        // FS locks are operating-system file locks: a killed process releases them, so a restart opens the store
        return "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS";
    }

    /**
     * The database's own words, in one line: the migration tool wraps them in a many-line report an operator would
     * have to dig through.
     */
    static String reasonOf(Throwable failure) {
        SQLException sql = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException found) {
                sql = found;
            }
        }
        if (sql != null && sql.getErrorCode() == H2_DATABASE_IN_USE) {
            return "its files are in use by another process (a gateway that is still running?)";
        }
        String message = sql != null ? sql.getMessage() : failure.getMessage();
        if (message == null || message.isBlank()) {
            return (sql != null ? sql : failure).getClass().getSimpleName();
        }
        return message.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(message);
    }

    private static String redact(String url) {
        // a URL may carry a password parameter
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
