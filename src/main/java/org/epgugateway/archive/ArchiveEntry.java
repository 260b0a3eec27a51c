package org.epgugateway.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * One file to put at the top level of a flat ZIP: its name and where its bytes come from.
 */
public final class ArchiveEntry {

    private final String name;
    private final byte[] bytes;
    private final Path file;

    private ArchiveEntry(String name, byte[] bytes, Path file) {
        this.name = requireFlatName(name);
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * Creates an entry from bytes held in memory; the array is copied.
     *
     * @param name file name inside the archive; no '/', '\', '..', control characters, not empty
     * @param content the bytes; must not be null
     * @throws IllegalArgumentException if the name could not be a file name at the top of a folder
     */
    public static ArchiveEntry of(String name, byte[] content) {
        if (content == null) {
            throw new IllegalArgumentException("content of entry " + name + " must not be null");
        }
        return new ArchiveEntry(name, Arrays.copyOf(content, content.length), null);
    }

    /**
     * Creates an entry whose bytes are read from a file when the archive is written.
     *
     * @param name file name inside the archive; no '/', '\', '..', control characters, not empty
     * @param file the file to read; must not be null
     * @throws IllegalArgumentException if the name could not be a file name at the top of a folder
     */
    public static ArchiveEntry of(String name, Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file of entry " + name + " must not be null");
        }
        return new ArchiveEntry(name, null, file);
    }

    /** Returns the name inside the archive; never null. */
    public String name() {
        return name;
    }

    /** Opens the content; the caller closes the stream. */
    InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    @Override
    public String toString() {
        return bytes != null ? name + " (" + bytes.length + " bytes)" : name + " (from " + file + ")";
    }

    private static String requireFlatName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("entry name must not be null");
        }
        // stricter than the extractor, which only refuses '..' as a whole path segment
        Optional<String> problem = name.contains("..")
                ? Optional.of("contains '..'")
                : EntryNames.fileNameProblem(name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("entry name " + EntryNames.quoted(name) + " " + problem.get());
        }
        return name;
    }
}
