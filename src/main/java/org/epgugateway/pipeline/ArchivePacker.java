package org.epgugateway.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Packs the documents of an application into the flat archive that is uploaded.
 */
@FunctionalInterface
public interface ArchivePacker {

    /**
     * Writes the archive durably; the same documents and time give the same bytes.
     *
     * @param files entry name to content, in archive order
     * @param time the entries' timestamp
     * @param target where the archive goes; written under a temporary name and renamed
     */
    void pack(Map<String, byte[]> files, OffsetDateTime time, Path target) throws IOException;
}
