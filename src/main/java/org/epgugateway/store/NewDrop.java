package org.epgugateway.store;

/**
 * A drop about to be taken into custody.
 *
 * @param dropName the file name the back-office system used
 * @param baseName the wanted outbox folder name; a {@code ~N} suffix is added when it is taken
 * @param sourceKey identity of the physical inbox file (name, size and times), so a file seen again after a
 *     crash is recognised as the same file rather than a new drop
 * @param spoolName the custody copy's file name in the work spool, already written and synced
 * @param contentSha256 hex SHA-256 of the bytes
 * @param sizeBytes size in bytes
 */
public record NewDrop(String dropName, String baseName, String sourceKey, String spoolName, String contentSha256,
        long sizeBytes) {
}
