package org.epgugateway.emulator;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import javax.xml.validation.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The checks gu-smev runs on an uploaded archive, in the contract's order: flat structure, transport file,
 * business file, schemas, and that the files name this order and the token's organisation.
 */
final class ArchiveInspector {

    static final String DONE = "DONE";
    static final String INVALID_FILES_STRUCTURE = "INVALID_FILES_STRUCTURE";
    static final String REQ_NOT_FOUND = "REQ_NOT_FOUND";
    static final String MPC_NOT_FOUND = "MPC_NOT_FOUND";
    static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    static final String REQ_VERIFY_FAILED = "REQ_VERIFY_FAILED";

    static final String REQUEST_FILE = "req.xml";
    static final String APPLICATION_FILE = "piev_epgu.xml";
    static final String REQUEST_NAMESPACE = "urn://x-artifacts-fssp-ru/mvv/smev3/epgu/1.0.1";

    // hostile archives: bounds well above anything a real application of this service needs
    private static final int MAX_FILES = 100;
    private static final long MAX_FILE_SIZE = 100_000_000L;
    private static final long MAX_TOTAL_SIZE = 200_000_000L;
    private static final Set<String> ARCHIVE_SUFFIXES = Set.of(".zip", ".rar", ".7z", ".gz", ".tar", ".tgz",
            ".bz2", ".xz", ".arj", ".cab");

    private final ApplicationSchemas schemas;

    ArchiveInspector(ApplicationSchemas schemas) {
        this.schemas = schemas;
    }

    /**
     * Runs the checks.
     *
     * @param archive    the reassembled ZIP bytes
     * @param orderId    the order the upload belongs to
     * @param tokenOgrn  the OGRN of the organisation whose token uploaded it
     * @return the verdict; never null
     */
    Inspection inspect(InputStream archive, long orderId, String tokenOgrn) {
        Unpacked unpacked;
        try {
            unpacked = unpack(archive);
        } catch (NotFlat e) {
            return new Inspection(INVALID_FILES_STRUCTURE, e.getMessage(), null, List.of());
        }
        byte[] request = unpacked.kept().get(REQUEST_FILE);
        byte[] application = unpacked.kept().get(APPLICATION_FILE);
        if (request == null) {
            return failed(REQ_NOT_FOUND, "the archive has no " + REQUEST_FILE, null, unpacked);
        }
        if (application == null) {
            return failed(MPC_NOT_FOUND, "the archive has no " + APPLICATION_FILE, null, unpacked);
        }

        Document applicationDocument;
        Document requestDocument;
        try {
            applicationDocument = SafeXml.parse(application);
        } catch (SAXException | IOException e) {
            return failed(VALIDATION_ERROR, APPLICATION_FILE + " is not well-formed: " + e.getMessage(), null,
                    unpacked);
        }
        ApplicationFacts facts = ApplicationFacts.of(applicationDocument);
        try {
            requestDocument = SafeXml.parse(request);
        } catch (SAXException | IOException e) {
            return failed(VALIDATION_ERROR, REQUEST_FILE + " is not well-formed: " + e.getMessage(), facts,
                    unpacked);
        }
        String invalid = firstInvalid(requestDocument, applicationDocument);
        if (invalid != null) {
            return failed(VALIDATION_ERROR, invalid, facts, unpacked);
        }

        String mismatch = mismatch(requestDocument, facts, orderId, tokenOgrn);
        if (mismatch != null) {
            return failed(REQ_VERIFY_FAILED, mismatch, facts, unpacked);
        }
        return new Inspection(DONE, null, facts, unpacked.files());
    }

    private static Inspection failed(String code, String message, ApplicationFacts facts, Unpacked unpacked) {
        return new Inspection(code, message, facts, unpacked.files());
    }

    private String firstInvalid(Document request, Document application) {
        String invalid = violation(schemas.request(), request);
        if (invalid != null) {
            return REQUEST_FILE + " does not match its schema: " + invalid;
        }
        invalid = violation(schemas.application(), application);
        return invalid == null ? null : APPLICATION_FILE + " does not match its schema: " + invalid;
    }

    private static String violation(Schema schema, Document document) {
        try {
            SafeXml.validate(schema, document);
            return null;
        } catch (SAXException | IOException e) {
            return e.getMessage();
        }
    }

    /** For a legal entity gu-smev checks the order number and the OGRN. */
    private static String mismatch(Document request, ApplicationFacts facts, long orderId, String tokenOgrn) {
        String requestOrder = ApplicationFacts.text(request, REQUEST_NAMESPACE, "OrderId");
        if (!isOrder(requestOrder, orderId)) {
            return REQUEST_FILE + " OrderId '" + requestOrder + "' is not the order " + orderId;
        }
        if (!isOrder(facts.externalKey(), orderId)) {
            return APPLICATION_FILE + " ExternalKey '" + facts.externalKey() + "' is not the order " + orderId;
        }
        if (facts.trusteeOgrn() == null) {
            return APPLICATION_FILE + " has no TrusteeOGRN; a legal entity is checked by order number and OGRN";
        }
        if (!facts.trusteeOgrn().equals(tokenOgrn)) {
            return APPLICATION_FILE + " TrusteeOGRN " + facts.trusteeOgrn()
                    + " is not the OGRN of the token's organisation " + tokenOgrn;
        }
        return null;
    }

    private static boolean isOrder(String text, long orderId) {
        try {
            return text != null && Long.parseLong(text.trim()) == orderId;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---- guarded unzip -------------------------------------------------------------------------------------

    /** The archive's file list, and the bytes of the two files the checks read. */
    private record Unpacked(List<Inspection.ArchivedFile> files, Map<String, byte[]> kept) {
    }

    /** The archive is not a flat ZIP of plain files within the bounds. */
    private static final class NotFlat extends Exception {
        private static final long serialVersionUID = 1L;

        NotFlat(String message) {
            super(message);
        }
    }

    private static Unpacked unpack(InputStream archive) throws NotFlat {
        List<Inspection.ArchivedFile> files = new ArrayList<>();
        Map<String, byte[]> kept = new HashMap<>();
        Set<String> names = new HashSet<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = checkedName(entry, names, files.size());
                boolean keep = name.equals(REQUEST_FILE) || name.equals(APPLICATION_FILE);
                ByteArrayOutputStream copy = keep ? new ByteArrayOutputStream() : null;
                long size = drain(zip, copy, name);
                total += size;
                if (total > MAX_TOTAL_SIZE) {
                    throw new NotFlat("the archive unpacks to more than " + MAX_TOTAL_SIZE + " bytes");
                }
                files.add(new Inspection.ArchivedFile(name, size));
                if (keep) {
                    kept.put(name, copy.toByteArray());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new NotFlat("the upload is not a readable ZIP archive: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new NotFlat("the upload is not a ZIP archive or holds no file");
        }
        return new Unpacked(List.copyOf(files), kept);
    }

    private static String checkedName(ZipEntry entry, Set<String> names, int filesSoFar) throws NotFlat {
        String name = entry.getName();
        if (filesSoFar >= MAX_FILES) {
            throw new NotFlat("the archive holds more than " + MAX_FILES + " files");
        }
        if (entry.isDirectory() || name.contains("/") || name.contains("\\")) {
            throw new NotFlat("the archive is not flat: it holds '" + name + "'");
        }
        if (name.isBlank() || name.equals(".") || name.equals("..")) {
            throw new NotFlat("the archive holds an entry without a usable name");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (ARCHIVE_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            throw new NotFlat("the archive holds a nested archive '" + name + "'");
        }
        if (!names.add(name)) {
            throw new NotFlat("the archive holds '" + name + "' twice");
        }
        return name;
    }

    private static long drain(ZipInputStream zip, ByteArrayOutputStream copy, String name) throws IOException,
            NotFlat {
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        int read;
        while ((read = zip.read(buffer)) > 0) {
            size += read;
            if (size > MAX_FILE_SIZE) {
                throw new NotFlat("'" + name + "' unpacks to more than " + MAX_FILE_SIZE + " bytes");
            }
            if (copy != null) {
                copy.write(buffer, 0, read);
            }
        }
        return size;
    }
}
