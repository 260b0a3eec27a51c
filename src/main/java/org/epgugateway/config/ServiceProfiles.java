package org.epgugateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The service profiles found in {@code config/services/*.yaml}, checked at start so a broken profile stops the
 * gateway instead of failing drops one by one.
 */
public final class ServiceProfiles {

    private final Map<String, ServiceProfile> byServiceCode;

    private ServiceProfiles(Map<String, ServiceProfile> byServiceCode) {
        this.byServiceCode = byServiceCode;
    }

    /**
     * Loads every profile in a folder; paths inside a profile are resolved against {@code baseDir}.
     *
     * @throws SettingsException when the folder holds no profile or a profile is incomplete
     */
    public static ServiceProfiles load(Path folder, Path baseDir) {
        Map<String, ServiceProfile> profiles = new LinkedHashMap<>();
        for (Path file : profileFiles(folder)) {
            ServiceProfile profile = read(file, baseDir);
            if (profiles.putIfAbsent(profile.serviceCode(), profile) != null) {
                throw new SettingsException("Service " + profile.serviceCode() + " is described twice in " + folder);
            }
        }
        if (profiles.isEmpty()) {
            throw new SettingsException("No service profile (*.yaml) in " + folder.toAbsolutePath());
        }
        return new ServiceProfiles(profiles);
    }

    public Optional<ServiceProfile> byServiceCode(String serviceCode) {
        return Optional.ofNullable(byServiceCode.get(serviceCode));
    }

    /**
     * The profile whose drops have this root element.
     */
    public Optional<ServiceProfile> forRoot(String namespace, String localName) {
        return byServiceCode.values().stream()
                .filter(p -> p.dropNamespace().equals(namespace) && p.dropRoot().equals(localName))
                .findFirst();
    }

    public Collection<ServiceProfile> all() {
        return byServiceCode.values();
    }

    private static List<Path> profileFiles(Path folder) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.yaml")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new SettingsException("Cannot read service profiles from " + folder.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    private static ServiceProfile read(Path file, Path baseDir) {
        Map<String, Object> yaml;
        try (InputStream in = Files.newInputStream(file)) {
            Object loaded = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            if (!(loaded instanceof Map)) {
                throw new SettingsException("Service profile " + file + " is not a YAML mapping");
            }
            yaml = asMap(loaded, file, "(top)");
        } catch (IOException | YamlEngineException e) {
            throw new SettingsException("Cannot read service profile " + file + ": " + e.getMessage(), e);
        }
        ProfileReader r = new ProfileReader(file, baseDir);
        Map<String, Object> drop = r.map(yaml, "drop");
        Map<String, Object> documents = r.map(yaml, "documents");
        Map<String, Object> result = r.map(yaml, "result");
        Map<String, Object> key = r.map(yaml, "business-key");
        ServiceProfile.Document business = r.document(r.map(documents, "business"));
        ServiceProfile.Document transport = r.document(r.map(documents, "transport"));
        ArchiveSigningRules signing = new ArchiveSigningReader(file,
                new LinkedHashSet<>(List.of(transport.name(), business.name())))
                .read(yaml.get("signing"));
        return new ServiceProfile(
                r.text(yaml, "service-code"),
                r.text(yaml, "target-code"),
                r.text(yaml, "title"),
                r.text(drop, "namespace"),
                r.text(drop, "root"),
                r.existingFile(drop, "schema"),
                business,
                transport,
                r.text(yaml, "archive-name"),
                signing,
                r.text(result, "mnemonic"),
                new ServiceProfile.BusinessKeyFields(r.text(key, "applicant"), r.text(key, "organisation"),
                        r.text(key, "side")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, Path file, String key) {
        if (!(value instanceof Map)) {
            throw new SettingsException("Service profile " + file + ": '" + key + "' must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    /** Reads fields of one profile file with messages that name the file and the key. */
    private static final class ProfileReader {
        private final Path file;
        private final Path baseDir;

        ProfileReader(Path file, Path baseDir) {
            this.file = file;
            this.baseDir = baseDir;
        }

        Map<String, Object> map(Map<String, Object> parent, String key) {
            return asMap(parent.get(key), file, key);
        }

        String text(Map<String, Object> parent, String key) {
            Object value = parent.get(key);
            if (value == null || value.toString().isBlank()) {
                throw new SettingsException("Service profile " + file + ": '" + key + "' is missing");
            }
            return value.toString().trim();
        }

        Path existingFile(Map<String, Object> parent, String key) {
            Path path = baseDir.resolve(text(parent, key)).normalize();
            if (!Files.isRegularFile(path)) {
                throw new SettingsException("Service profile " + file + ": '" + key + "' points at " + path
                        + ", which does not exist");
            }
            return path;
        }

        ServiceProfile.Document document(Map<String, Object> doc) {
            return new ServiceProfile.Document(text(doc, "name"), existingFile(doc, "xslt"),
                    existingFile(doc, "schema"));
        }
    }
}
