package org.epgugateway.runtime;

import static org.epgugateway.config.GatewaySettings.named;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;

/**
 * The local folders of the folder contract and the work folder must be separate folders: an outbox inside the
 * inbox would feed the gateway its own files, a work folder inside the outbox would show the spool to back-office
 * systems, and a dead-letter folder that is the inbox would send failed drops round again. Each must also be a
 * folder or a path where one can be made — not a file, not under a file, not a symbolic link to nothing — and a
 * setting given must not be empty. Paths are compared as the file system resolves them (symbolic links followed
 * where they exist), so two spellings of one folder are caught.
 */
final class FolderLayout {

    /** The folders whose paths go into Camel endpoint URIs. */
    private static final Set<String> URI_FOLDERS = Set.of("gateway.inbox", "gateway.work");

    private FolderLayout() {
    }

    /**
     * @throws SettingsException naming every folder that is a file, and every pair that is the same folder or one
     *     inside the other
     */
    static void check(GatewaySettings settings, Path home) {
        Map<String, Path> folders = localFolders(settings, home);
        List<String> problems = new ArrayList<>();
        folders.forEach((key, path) -> {
            if (settings.isGivenEmpty(key)) {
                problems.add(named(key) + " is set but empty: name a folder, or leave the setting out for its "
                        + "default");
            }
            notAFolder(path).ifPresent(why -> problems.add(named(key) + " is " + path + ", " + why));
            if (URI_FOLDERS.contains(key) && path.toString().matches(".*[%?].*")) {
                // Camel would decode %xx and read what follows ? as endpoint options
                problems.add(named(key) + " is " + path + ": a folder the gateway watches through a Camel endpoint "
                        + "cannot have % or ? in its path");
            }
        });
        List<String> keys = List.copyOf(folders.keySet());
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                overlap(keys.get(i), keys.get(j), folders).ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException("Invalid configuration: " + String.join("; ", problems) + ". The inbox, "
                    + "outbox, dead-letter and work folders must be four separate folders, none inside another.");
        }
    }

    /** The folders this configuration uses on the local disk; the SFTP switches move some of them to the server. */
    private static Map<String, Path> localFolders(GatewaySettings settings, Path home) {
        Map<String, Path> folders = new LinkedHashMap<>();
        if (!settings.getBoolean("sftp.inbox.enabled", false)) {
            folders.put("gateway.inbox", resolved(home, settings.get("gateway.inbox", "data/inbox")));
        }
        if (!settings.getBoolean("sftp.outbox.enabled", false)) {
            folders.put("gateway.outbox", resolved(home, settings.get("gateway.outbox", "data/outbox")));
            folders.put("gateway.dead-letter", resolved(home, settings.get("gateway.dead-letter",
                    "data/dead-letter")));
        }
        folders.put("gateway.work", resolved(home, settings.get("gateway.work", "data/work")));
        return folders;
    }

    /**
     * Why the path cannot be a folder: it is a file, lies inside one, or leads through a symbolic link to nothing.
     */
    private static Optional<String> notAFolder(Path path) {
        for (Path part = path; part != null; part = part.getParent()) {
            boolean itself = part.equals(path);
            if (Files.exists(part)) {
                if (Files.isDirectory(part)) {
                    return Optional.empty();
                }
                return Optional.of(itself ? "which is a file, not a folder" : "inside " + part + ", which is a file");
            }
            if (Files.isSymbolicLink(part)) {
                return Optional.of((itself ? "a symbolic link" : "inside the symbolic link " + part)
                        + " whose target does not exist");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> overlap(String a, String b, Map<String, Path> folders) {
        Path first = folders.get(a);
        Path second = folders.get(b);
        if (first.equals(second)) {
            return Optional.of(named(a) + " and " + named(b) + " are the same folder " + first);
        }
        if (second.startsWith(first)) {
            return Optional.of(named(b) + " " + second + " is inside " + named(a) + " " + first);
        }
        if (first.startsWith(second)) {
            return Optional.of(named(a) + " " + first + " is inside " + named(b) + " " + second);
        }
        return Optional.empty();
    }

    /**
     * The folder as the file system sees it: the real path of its nearest existing ancestor (symbolic links
     * followed) with the rest of the path, normalised; a path none of whose parts exist stays absolute and normalised.
     */
    static Path resolved(Path home, String setting) {
        Path absolute = home.resolve(setting).toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
