package org.epgugateway.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The parts of one order's upload while they arrive, kept on disk, and the chunk rules of the contract: sizes,
 * first part first, last part last, a window counted from the first part.
 */
final class ChunkAssembly {

    static final long MIN_PART = 5_000_000L;
    static final long MAX_PART = 50_000_000L;

    /** The bytes of one received {@code file} part. */
    @FunctionalInterface
    interface PartBytes {
        void writeTo(Path target) throws IOException;
    }

    /**
     * What became of an accepted part.
     *
     * @param complete true when this was the last part and the archive can be read
     * @param oneBased true when this first part started a 1-based series, which the contract's examples use
     * @param replaced true when the part replaced an earlier copy with the same index
     */
    record Accepted(boolean complete, boolean oneBased, boolean replaced) {
    }

    private final Path folder;
    private final Duration window;
    private final Map<Integer, Path> parts = new TreeMap<>();
    private Instant firstPartAt;
    private int chunks;
    private int base;

    ChunkAssembly(Path folder, Duration window) {
        this.folder = folder;
        this.window = window;
    }

    /** True when the window, counted from the first part, has closed before this moment. */
    boolean windowClosed(Instant now) {
        return firstPartAt != null && now.isAfter(firstPartAt.plus(window));
    }

    /**
     * Takes one part.
     *
     * @param chunk  the {@code chunk} field, null when absent
     * @param chunks the {@code chunks} field, null when absent
     * @throws ApiException 400 {@code bad_request} when the part breaks a chunk rule; nothing is kept then
     */
    Accepted accept(Integer chunk, Integer chunks, long size, PartBytes bytes, Instant now) throws IOException {
        int total = totalOf(chunk, chunks);
        boolean first = firstPartAt == null;
        int numbering = first ? numberingOf(chunk) : base;
        if (!first && total != this.chunks) {
            throw ApiException.badRequest("chunks changed from " + this.chunks + " to " + total + " within one upload");
        }
        int index = (chunk == null ? 0 : chunk) - numbering;
        if (index < 0 || index >= total) {
            throw ApiException.badRequest("chunk " + chunk + " is outside " + numbering + ".."
                    + (total - 1 + numbering));
        }
        boolean last = index == total - 1;
        checkSize(size, last);
        if (last && total > 1) {
            checkOthersPresent(total, numbering);
        }

        if (first) {
            firstPartAt = now;
            this.chunks = total;
            base = numbering;
        }
        Path target = folder.resolve("part-" + index);
        Files.createDirectories(folder);
        Files.deleteIfExists(target);
        bytes.writeTo(target);
        boolean replaced = parts.put(index, target) != null;
        return new Accepted(last, first && base == 1, replaced);
    }

    private static int totalOf(Integer chunk, Integer chunks) {
        if (chunks == null) {
            if (chunk != null) {
                throw ApiException.badRequest("chunk was sent without chunks");
            }
            return 1;
        }
        if (chunks < 1) {
            throw ApiException.badRequest("chunks must be at least 1, was " + chunks);
        }
        if (chunks > 1 && chunk == null) {
            throw ApiException.badRequest("chunk is required when chunks is " + chunks);
        }
        return chunks;
    }

    /** The contract counts from 0, its examples from 1: the first part that arrives tells which one is meant. */
    private static int numberingOf(Integer chunk) {
        if (chunk == null || chunk == 0) {
            return 0;
        }
        if (chunk == 1) {
            return 1;
        }
        throw ApiException.badRequest("the first part (chunk 0) must come first, chunk " + chunk + " came first");
    }

    private static void checkSize(long size, boolean last) {
        if (size <= 0) {
            throw ApiException.badRequest("the file part is empty");
        }
        if (size > MAX_PART) {
            throw ApiException.badRequest("a part may have at most " + MAX_PART + " bytes, this one has " + size);
        }
        if (!last && size < MIN_PART) {
            throw ApiException.badRequest("a part other than the last needs at least " + MIN_PART
                    + " bytes, this one has " + size);
        }
    }

    private void checkOthersPresent(int total, int numbering) {
        List<Integer> missing = IntStream.range(0, total - 1)
                .filter(index -> !parts.containsKey(index))
                .mapToObj(index -> index + numbering)
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("the last part must come last; still missing chunks " + missing);
        }
    }

    /** The reassembled archive: the parts in order, read straight from disk. */
    InputStream archive() throws IOException {
        List<InputStream> streams = new ArrayList<>();
        for (Path part : parts.values()) {
            streams.add(Files.newInputStream(part));
        }
        Enumeration<InputStream> sequence = Collections.enumeration(streams);
        return new SequenceInputStream(sequence);
    }

    /** Deletes the parts on disk; the assembly is empty afterwards. */
    void discard() {
        try {
            for (Path part : parts.values()) {
                Files.deleteIfExists(part);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete upload parts in " + folder, e);
        }
        parts.clear();
    }
}
