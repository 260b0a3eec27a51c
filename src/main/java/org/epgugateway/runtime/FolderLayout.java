package org.epgugateway.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;

/**
 * The local folders of the folder contract and the work folder must be separate folders: an outbox inside the
 * inbox would feed the gateway its own files, a work folder inside the outbox would show the spool to back-office
 * systems, and a dead-letter folder that is the inbox would send failed drops round again. Each must also be a
 * folder, not a file. Paths are compared as the file system resolves them (symbolic links followed where they
 * exist), so two spellings of one folder are caught.
 */
final class FolderLayout {

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
            if (Files.exists(path) && !Files.isDirectory(path)) {
                problems.add(named(key) + " is " + path + ", which is a file, not a folder");
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

    private static String named(String key) {
        return key + " (" + GatewaySettings.environmentName(key) + ")";
    }
}
