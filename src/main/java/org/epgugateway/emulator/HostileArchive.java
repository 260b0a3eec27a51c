package org.epgugateway.emulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Answer archives built to attack the one who unpacks them, served in place of an order's genuine answer.
 */
public enum HostileArchive {
    /** The genuine {@code answer.xml} and entries named {@code ../../escaped.txt} and {@code a/../../escaped.txt}. */
    PATH_TRAVERSAL(FaultKind.PATH_TRAVERSAL_ARCHIVE),
    /** The genuine {@code answer.xml} and an entry named {@code /tmp/epgu-escaped.txt}. */
    ABSOLUTE_PATH(FaultKind.ABSOLUTE_PATH_ARCHIVE),
    /** The genuine {@code answer.xml} and an entry {@code passwd} that is a symbolic link to {@code /etc/passwd}. */
    SYMLINK(FaultKind.SYMLINK_ARCHIVE),
    /** 10 000 small entries. */
    MANY_ENTRIES(FaultKind.MANY_ENTRIES_ARCHIVE),
    /** One entry {@code answer.xml} of 1 GiB of zeros, about 1 MiB on the wire; its headers state the true sizes. */
    ZIP_BOMB(FaultKind.ZIP_BOMB_ARCHIVE),
    /** An HTML error page, served as {@code application/zip} like every answer. */
    NOT_A_ZIP(FaultKind.NOT_A_ZIP_ARCHIVE);

    private final FaultKind kind;

    HostileArchive(FaultKind kind) {
        this.kind = kind;
    }

    /**
     * Reads a flavour as written in the settings: {@code path-traversal}, {@code absolute-path}, {@code symlink},
     * {@code many-entries}, {@code zip-bomb} or {@code not-a-zip}.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static HostileArchive fromWord(String word) {
        String wanted = word.trim().toLowerCase(Locale.ROOT);
        for (HostileArchive archive : values()) {
            if (archive.word().equals(wanted)) {
                return archive;
            }
        }
        throw new IllegalArgumentException("unknown hostile archive '" + word + "' (expected one of "
                + Arrays.stream(values()).map(HostileArchive::word).collect(Collectors.joining(", ")) + ")");
    }

    /** The word used for this flavour in the settings. */
    public String word() {
        return kind.word();
    }

    /** How the journal counts this flavour. */
    public FaultKind kind() {
        return kind;
    }
}
