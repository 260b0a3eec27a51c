package org.epgugateway.emulator;

import org.xml.sax.SAXException;

import javax.xml.validation.Schema;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two schemas gu-smev validates an archive of service 60010153 against: the transport file and the business
 * file.
 */
final class ApplicationSchemas {

    static final String SERVICE_FOLDER = "60010153";

    private final Schema request;
    private final Schema application;

    private ApplicationSchemas(Schema request, Schema application) {
        this.request = request;
        this.application = application;
    }

    /**
     * Compiles {@code 60010153/req.xsd} and {@code 60010153/piev_epgu.xsd} of the given folder.
     *
     * @throws IllegalArgumentException when a schema is missing or invalid, naming the file
     */
    static ApplicationSchemas load(Path folder) {
        return new ApplicationSchemas(compile(folder.resolve(SERVICE_FOLDER).resolve("req.xsd")),
                compile(folder.resolve(SERVICE_FOLDER).resolve("piev_epgu.xsd")));
    }

    private static Schema compile(Path xsd) {
        if (!Files.isRegularFile(xsd)) {
            throw new IllegalArgumentException("schema " + xsd.toAbsolutePath() + " does not exist (see "
                    + EmulatorSettings.SCHEMAS + ")");
        }
        try {
            return SafeXml.schema(xsd);
        } catch (SAXException e) {
            throw new IllegalArgumentException("schema " + xsd + " is not valid XSD: " + e.getMessage(), e);
        }
    }

    /** The schema of {@code req.xml}. */
    Schema request() {
        return request;
    }

    /** The schema of {@code piev_epgu.xml}. */
    Schema application() {
        return application;
    }
}
