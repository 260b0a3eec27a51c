package org.epgugateway.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * The drops and their orders over JDBC. Every method commits before it returns; methods that move a drop on take
 * the claim owner and fail with {@link LostClaimException} when another instance has taken the drop over.
 */
public final class OrderStore {

    private static final String COLUMNS = "id, drop_name, folder, spool_name, content_sha256, size_bytes, "
            + "service_code, business_key, state, order_id, reserved_at, upload_started_at, chunks_acked, status_id, "
            + "status_title, status_history, current_status_history_id, result_files, error_stage, error_code, "
            + "error_message, dead_letter, attempts, next_attempt_at, duplicate_of, received_at, updated_at, final_at";

    private static final int MAX_FOLDER_SUFFIX = 100_000;

    private final Jdbc jdbc;
    private final Clock clock;

    public OrderStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    // ---- custody ----------------------------------------------------------------------------------------------

    /**
     * Registers a drop under the first free folder name: {@code base}, then {@code base~2}, {@code base~3}, ...
     *
     * @param folderInUse tells whether a folder name is taken outside the store (for example on disk)
     * @return the new row, or the existing row when this inbox file is already in custody
     */
    public Registration register(NewDrop drop, Predicate<String> folderInUse) {
        Optional<DropRecord> existing = findBySourceKey(drop.sourceKey());
        if (existing.isPresent()) {
            return new Registration(existing.get(), false);
        }
        OffsetDateTime now = now();
        for (int n = 1; n <= MAX_FOLDER_SUFFIX; n++) {
            String folder = n == 1 ? drop.baseName() : drop.baseName() + "~" + n;
            if (folderInUse.test(folder) || findByFolder(folder).isPresent()) {
                continue;
            }
            boolean inserted = jdbc.insertUnlessTaken("INSERT INTO drop_record (drop_name, folder, source_key, "
                    + "spool_name, content_sha256, size_bytes, state, received_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", drop.dropName(), folder, drop.sourceKey(),
                    drop.spoolName(), drop.contentSha256(), drop.sizeBytes(), DropState.RECEIVED.name(), now, now);
            if (inserted) {
                return new Registration(findByFolder(folder).orElseThrow(), true);
            }
            // another instance registered the same file, or took this folder name, at the same moment
            existing = findBySourceKey(drop.sourceKey());
            if (existing.isPresent()) {
                return new Registration(existing.get(), false);
            }
        }
        throw new StoreException("No free outbox folder name for " + drop.baseName(), null);
    }

    public Optional<DropRecord> find(long id) {
        return one("SELECT " + COLUMNS + " FROM drop_record WHERE id = ?", id);
    }

    public DropRecord require(long id) {
        return find(id).orElseThrow(() -> new StoreException("Drop " + id + " is not in the store", null));
    }

    public Optional<DropRecord> findByFolder(String folder) {
        return one("SELECT " + COLUMNS + " FROM drop_record WHERE folder = ?", folder);
    }

    private Optional<DropRecord> findBySourceKey(String sourceKey) {
        return one("SELECT " + COLUMNS + " FROM drop_record WHERE source_key = ?", sourceKey);
    }

    public List<DropRecord> findByOrderId(long orderId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM drop_record WHERE order_id = ?", OrderStore::map, orderId);
    }

    // ---- claims -----------------------------------------------------------------------------------------------

    /**
     * Claims a drop when it is in one of the states and nobody holds it (or the holder's lease ran out). A claim is
     * never granted twice, not even to the same owner: two workers of one instance must not work on one drop.
     *
     * @return true when the owner now holds the claim
     */
    public boolean claim(long id, Set<DropState> states, String owner, Duration lease) {
        OffsetDateTime now = now();
        return jdbc.update("UPDATE drop_record SET claimed_by = ?, claimed_until = ? WHERE id = ? AND state IN ("
                + placeholders(states) + ") AND (claimed_by IS NULL OR claimed_until < ?)",
                params(owner, now.plus(lease), id, states, now)) == 1;
    }

    /**
     * Releases the claims an earlier run of this instance left behind, so a restarted instance does not wait for
     * their leases to run out. Owners are {@code <instance>#<run>}.
     *
     * @return how many claims were released
     */
    public int releaseClaimsOfEarlierRuns(String instance, String currentOwner) {
        return jdbc.update("UPDATE drop_record SET claimed_by = NULL, claimed_until = NULL "
                + "WHERE claimed_by LIKE ? AND claimed_by <> ?", likePrefix(instance + "#"), currentOwner);
    }

    /**
     * Releases every claim but the current run's. Only for a store no other instance can open (the embedded one):
     * whatever claims it holds are leftovers of earlier runs, whichever instance id they ran under.
     *
     * @return how many claims were released
     */
    public int releaseEveryOtherClaim(String currentOwner) {
        return jdbc.update("UPDATE drop_record SET claimed_by = NULL, claimed_until = NULL "
                + "WHERE claimed_by IS NOT NULL AND claimed_by <> ?", currentOwner);
    }

    /** Live claims one other owner holds: how many drops, and when the last of its leases runs out. */
    public record HeldClaims(String owner, int drops, OffsetDateTime until) {
    }

    public List<HeldClaims> claimsHeldByOthers(String currentOwner) {
        return jdbc.query("SELECT claimed_by, count(*), max(claimed_until) FROM drop_record "
                + "WHERE claimed_by IS NOT NULL AND claimed_by <> ? AND claimed_until >= ? "
                + "GROUP BY claimed_by ORDER BY claimed_by",
                row -> new HeldClaims(row.getString(1), row.getInt(2), row.getObject(3, OffsetDateTime.class)),
                currentOwner, now());
    }

    /**
     * Extends this instance's claim; called between long steps such as upload parts.
     */
    public void renew(long id, String owner, Duration lease) {
        requireOwned(id, owner, jdbc.update("UPDATE drop_record SET claimed_until = ? "
                + "WHERE id = ? AND claimed_by = ?", now().plus(lease), id, owner));
    }

    public void release(long id, String owner) {
        jdbc.update("UPDATE drop_record SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
                id, owner);
    }

    /**
     * Drops in the states whose retry time has come and that no live instance holds, oldest first.
     */
    public List<Long> findDue(Set<DropState> states, int limit) {
        OffsetDateTime now = now();
        return jdbc.query("SELECT id FROM drop_record WHERE state IN (" + placeholders(states) + ") "
                + "AND (claimed_until IS NULL OR claimed_until < ?) "
                + "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                + "ORDER BY id FETCH FIRST " + limit + " ROWS ONLY", row -> row.getLong(1),
                params(states, now, now));
    }

    /**
     * Submitted orders whose next poll is due and that no live instance is polling.
     */
    public List<Long> findDueForPolling(int limit) {
        OffsetDateTime now = now();
        return jdbc.query("SELECT id FROM drop_record WHERE state = ? AND (next_poll_at IS NULL OR next_poll_at <= ?) "
                + "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_poll_at, id "
                + "FETCH FIRST " + limit + " ROWS ONLY", row -> row.getLong(1), DropState.SUBMITTED.name(), now, now);
    }

    // ---- transitions before submission ------------------------------------------------------------------------

    public void markValidated(long id, String owner, String serviceCode, String businessKey) {
        move(id, owner, "state = ?, service_code = ?, business_key = ?, attempts = 0, next_attempt_at = NULL",
                DropState.VALIDATED.name(), serviceCode, businessKey);
    }

    /**
     * Records that this drop holds an identity, unless a drop in flight or answered within the window holds it.
     *
     * @return the id of the drop this one duplicates, or empty when this drop now holds the identity
     */
    public Optional<Long> claimIdentity(String identityKey, long dropId, Duration window) {
        OffsetDateTime now = now();
        if (jdbc.insertUnlessTaken("INSERT INTO drop_identity (identity_key, drop_id, claimed_at) VALUES (?, ?, ?)",
                identityKey, dropId, now)) {
            return Optional.empty();
        }
        List<Long> holders = jdbc.query("SELECT drop_id FROM drop_identity WHERE identity_key = ?",
                row -> row.getLong(1), identityKey);
        if (holders.isEmpty()) {
            return claimIdentity(identityKey, dropId, window);
        }
        long holder = holders.get(0);
        if (holder == dropId) {
            return Optional.empty();
        }
        DropRecord first = find(holder).orElse(null);
        boolean stillBinding = first != null
                && first.state() != DropState.FAILED && first.state() != DropState.DUPLICATE
                && (!first.state().isFinal() || first.finalAt().isAfter(now.minus(window)));
        if (stillBinding) {
            return Optional.of(holder);
        }
        // the earlier drop failed or answered long ago: this one may be sent
        int taken = jdbc.update("UPDATE drop_identity SET drop_id = ?, claimed_at = ? WHERE identity_key = ? "
                + "AND drop_id = ?", dropId, now, identityKey, holder);
        return taken == 1 ? Optional.empty() : claimIdentity(identityKey, dropId, window);
    }

    public void markDuplicate(long id, String owner, long duplicateOf) {
        move(id, owner, "state = ?, duplicate_of = ?, final_at = ?", DropState.DUPLICATE.name(), duplicateOf, now());
    }

    public void markReserved(long id, String owner, long orderId, OffsetDateTime reservedAt) {
        move(id, owner, "state = ?, order_id = ?, reserved_at = ?, upload_started_at = NULL, chunks_acked = 0, "
                + "attempts = 0, next_attempt_at = NULL", DropState.RESERVED.name(), orderId, reservedAt);
    }

    public void markUploadStarted(long id, String owner, OffsetDateTime startedAt) {
        move(id, owner, "state = ?, upload_started_at = ?, chunks_acked = 0", DropState.UPLOADING.name(), startedAt);
    }

    public void markChunkAcked(long id, String owner, int chunksAcked) {
        move(id, owner, "chunks_acked = ?", chunksAcked);
    }

    public void markSubmitted(long id, String owner, OffsetDateTime firstPollAt) {
        move(id, owner, "state = ?, submitted_at = ?, submitted_by = ?, attempts = 0, next_attempt_at = NULL, "
                + "next_poll_at = ?", DropState.SUBMITTED.name(), now(), owner, firstPollAt);
    }

    /**
     * Gives up an order that can no longer be uploaded and sends the drop back to reserve a new one.
     */
    public void abandonOrder(long id, String owner, long orderId, String reason) {
        jdbc.insertUnlessTaken("INSERT INTO abandoned_order (order_id, drop_id, reason, abandoned_at) "
                + "VALUES (?, ?, ?, ?)", orderId, id, reason, now());
        move(id, owner, "state = ?, order_id = NULL, reserved_at = NULL, upload_started_at = NULL, chunks_acked = 0",
                DropState.VALIDATED.name());
    }

    /** Orders given up so far, for the operator's reconciliation. */
    public List<AbandonedOrder> abandonedOrders() {
        return jdbc.query("SELECT order_id, drop_id, reason, abandoned_at FROM abandoned_order ORDER BY abandoned_at",
                row -> new AbandonedOrder(row.getLong(1), row.getLong(2), row.getString(3),
                        row.getObject(4, OffsetDateTime.class)));
    }

    // ---- after submission -------------------------------------------------------------------------------------

    public void recordStatus(long id, String owner, int statusId, String statusTitle, String historyJson,
            Long currentStatusHistoryId) {
        move(id, owner, "status_id = ?, status_title = ?, status_history = ?, current_status_history_id = ?",
                statusId, statusTitle, historyJson, currentStatusHistoryId);
    }

    /** Sets when a submitted order is polled next. */
    public void schedulePoll(long id, String owner, OffsetDateTime nextPollAt) {
        move(id, owner, "next_poll_at = ?", nextPollAt);
    }

    public void markDone(long id, String owner, String resultFilesJson) {
        move(id, owner, "state = ?, result_files = ?, final_at = ?", DropState.DONE.name(), resultFilesJson, now());
    }

    public void markRefused(long id, String owner) {
        move(id, owner, "state = ?, final_at = ?", DropState.REFUSED.name(), now());
    }

    /**
     * Records a failure that ends the drop's road; the original is already in the dead-letter folder.
     */
    public void markFailed(long id, String owner, Failure failure, int attempts, String deadLetter) {
        move(id, owner, "state = ?, error_stage = ?, error_code = ?, error_message = ?, attempts = ?, dead_letter = ?, "
                + "final_at = ?, next_attempt_at = NULL", DropState.FAILED.name(), failure.stage(), failure.code(),
                truncate(failure.message(), 4000), attempts, deadLetter, now());
    }

    /**
     * Records a failed attempt that will be tried again after a pause.
     */
    public void scheduleRetry(long id, String owner, Failure failure, int attempts, OffsetDateTime nextAttemptAt) {
        move(id, owner, "attempts = ?, next_attempt_at = ?, error_stage = ?, error_code = ?, error_message = ?",
                attempts, nextAttemptAt, failure.stage(), failure.code(), truncate(failure.message(), 4000));
    }

    /**
     * Forgets the failed attempts of a submitted drop once EPGU answers its poll again; the last failure's words stay
     * in the row but no longer show as a wait.
     */
    public void clearRetry(long id, String owner) {
        move(id, owner, "attempts = 0, next_attempt_at = NULL");
    }

    // ---- status files ---------------------------------------------------------------------------------------

    /** The version of a drop's row: it rises with every change. */
    public long version(long id) {
        return jdbc.query("SELECT version FROM drop_record WHERE id = ?", row -> row.getLong(1), id).stream()
                .findFirst().orElseThrow(() -> new StoreException("Drop " + id + " is not in the store", null));
    }

    /** Records that the drop's status.json shows this version (or a later one). */
    public void markPublished(long id, long version) {
        jdbc.update("UPDATE drop_record SET published_version = ? WHERE id = ? AND published_version < ?", version, id,
                version);
    }

    /**
     * Drops whose status.json lags behind their row and that nobody works on: a process stopped between a commit
     * and the file.
     */
    public List<Long> findUnpublished(int limit) {
        return jdbc.query("SELECT id FROM drop_record WHERE published_version < version AND claimed_by IS NULL "
                + "AND updated_at < ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY", row -> row.getLong(1),
                now().minusSeconds(2));
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private void move(long id, String owner, String assignments, Object... values) {
        Object[] params = new Object[values.length + 3];
        System.arraycopy(values, 0, params, 0, values.length);
        params[values.length] = now();
        params[values.length + 1] = id;
        params[values.length + 2] = owner;
        requireOwned(id, owner, jdbc.update("UPDATE drop_record SET " + assignments + ", updated_at = ?, "
                + "version = version + 1 WHERE id = ? AND claimed_by = ?", params));
    }

    private static void requireOwned(long id, String owner, int updated) {
        if (updated != 1) {
            throw new LostClaimException(id, owner);
        }
    }

    private Optional<DropRecord> one(String sql, Object... params) {
        return jdbc.query(sql, OrderStore::map, params).stream().findFirst();
    }

    private static String placeholders(Set<DropState> states) {
        return states.stream().map(s -> "?").collect(Collectors.joining(", "));
    }

    /** Flattens arguments, expanding state sets into their names in order. */
    private static Object[] params(Object... args) {
        return java.util.Arrays.stream(args)
                .flatMap(a -> a instanceof Set<?> set
                        ? set.stream().map(s -> ((DropState) s).name()).sorted()
                        : java.util.stream.Stream.of(a))
                .toArray();
    }

    /** A LIKE pattern matching texts that start with the prefix; backslash is the escape of H2 and PostgreSQL. */
    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static DropRecord map(ResultSet r) throws SQLException {
        return new DropRecord(r.getLong("id"), r.getString("drop_name"), r.getString("folder"),
                r.getString("spool_name"), r.getString("content_sha256"), r.getLong("size_bytes"),
                r.getString("service_code"), r.getString("business_key"), DropState.valueOf(r.getString("state")),
                r.getObject("order_id", Long.class), r.getObject("reserved_at", OffsetDateTime.class),
                r.getObject("upload_started_at", OffsetDateTime.class), r.getInt("chunks_acked"),
                r.getObject("status_id", Integer.class), r.getString("status_title"), r.getString("status_history"),
                r.getObject("current_status_history_id", Long.class), r.getString("result_files"),
                r.getString("error_stage"), r.getString("error_code"), r.getString("error_message"),
                r.getString("dead_letter"), r.getInt("attempts"), r.getObject("next_attempt_at", OffsetDateTime.class),
                r.getObject("duplicate_of", Long.class),
                r.getObject("received_at", OffsetDateTime.class), r.getObject("updated_at", OffsetDateTime.class),
                r.getObject("final_at", OffsetDateTime.class));
    }
}
