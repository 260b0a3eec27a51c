package org.epgugateway.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Unpacks an answer archive downloaded from EPGU, which is untrusted input.
 */
@FunctionalInterface
public interface AnswerUnpacker {

    /**
     * Extracts the archive into an empty folder, refusing entries that would land outside it and archives that
     * exceed the configured caps.
     *
     * @return the extracted files' names relative to the folder; never null
     */
    List<String> unpack(Path archive, Path folder) throws IOException;
}
