package org.epgugateway.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Identities of physical inbox files. A file seen again after a crash (before its release) has the same key; a new
 * file dropped under the same name later has a different one, because renaming or writing it changes its
 * change time.
 */
public final class SourceKeys {

    private SourceKeys() {
    }

    /**
     * The key of a local file: folder, name, size, modification and change times, and inode where the file system
     * has them.
     */
    public static String ofLocalFile(Path file) {
        try {
            BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
            String unix = "";
            try {
                Map<String, Object> attributes = Files.readAttributes(file, "unix:ino,ctime");
                unix = "|ino=" + attributes.get("ino") + "|ctime=" + attributes.get("ctime");
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // not a POSIX file system: the file key, where there is one, stands in for the inode
                unix = "|key=" + basic.fileKey();
            }
            return "file:" + file.toAbsolutePath() + "|size=" + basic.size() + "|mtime=" + basic.lastModifiedTime()
                    + unix;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the attributes of " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key of a remote file: server, path, size and modification time as the server reports them.
     */
    public static String ofRemoteFile(String server, String path, long size, long lastModified) {
        return "remote:" + server + ":" + path + "|size=" + size + "|mtime=" + lastModified;
    }

    /**
     * The key of a remote file including the SHA-256 of its bytes, so a new file under an old name with the same
     * size and second is still told apart.
     */
    public static String ofRemoteFile(String server, String path, long size, long lastModified, String sha256) {
        return ofRemoteFile(server, path, size, lastModified) + "|sha256=" + sha256;
    }
}
