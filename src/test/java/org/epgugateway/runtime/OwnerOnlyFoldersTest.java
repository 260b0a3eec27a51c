package org.epgugateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.epgugateway.intake.Spool;
import org.epgugateway.store.StoreDatabase;
import org.epgugateway.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work folder, the spool and the embedded store hold applicants' personal data: what the gateway creates there
 * is readable by its own user only, and a work folder others can read is named in one warning with the fix.
 */
class OwnerOnlyFoldersTest {

    @TempDir
    Path root;

    @Test
    void a_new_work_folder_is_owner_only_and_its_parents_keep_the_default_mode() throws Exception {
        Path work = root.resolve("data").resolve("work");

        try (LogCapture log = LogCapture.start()) {
            WorkFolder.prepare(work, false);

            assertThat(log.text()).doesNotContain("Work folder");
        }

        assertThat(mode(work)).isEqualTo("rwx------");
        assertThat(mode(work.getParent())).isNotEqualTo("rwx------");
    }

    @Test
    void an_existing_work_folder_others_can_read_is_named_once_with_its_mode_and_the_chmod() throws Exception {
        Path work = Files.createDirectory(root.resolve("work"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (LogCapture log = LogCapture.start()) {
            WorkFolder.prepare(work, false);

            assertThat(log.lines()).filteredOn(line -> line.contains("Work folder")).singleElement()
                    .satisfies(line -> assertThat(line).contains("WARN", work.toString(), "0755", "rwxr-xr-x",
                            "chmod 700 " + work));
        }
        // the operator's folder is left as it is; the warning says what to run
        assertThat(mode(work)).isEqualTo("rwxr-xr-x");
    }

    @Test
    void an_owner_only_work_folder_gives_no_warning() throws Exception {
        Path work = Files.createDirectory(root.resolve("work"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x---"));

        try (LogCapture log = LogCapture.start()) {
            WorkFolder.prepare(work, true);

            assertThat(log.text()).doesNotContain("Work folder");
        }
        assertThat(mode(work.resolve("sftp-inbox"))).isEqualTo("rwx------");
    }

    @Test
    void the_spool_its_files_and_its_answer_folders_are_owner_only() throws Exception {
        Path work = root.resolve("work");
        Spool spool = new Spool(work);

        Path copy = spool.createFile("drop.xml");
        Path answer = spool.createAnswerFolder(7);

        assertThat(mode(work)).isEqualTo("rwx------");
        assertThat(mode(work.resolve("spool"))).isEqualTo("rwx------");
        assertThat(mode(copy)).isEqualTo("rw-------");
        assertThat(mode(answer)).isEqualTo("rwx------");
        assertThat(mode(spool.createSentFolder())).isEqualTo("rwx------");
    }

    @Test
    void a_spool_an_older_version_left_open_is_tightened() throws Exception {
        Path spoolFolder = Files.createDirectories(root.resolve("work").resolve("spool"));
        Files.setPosixFilePermissions(spoolFolder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path packed = Files.writeString(spoolFolder.resolve("archive.zip"), "zip");
        Files.setPosixFilePermissions(packed, PosixFilePermissions.fromString("rw-r--r--"));

        Spool spool = new Spool(root.resolve("work"));
        spool.restrict(packed);

        assertThat(mode(spoolFolder)).isEqualTo("rwx------");
        assertThat(mode(packed)).isEqualTo("rw-------");
    }

    @Test
    void the_embedded_store_lives_in_an_owner_only_folder() throws Exception {
        Path work = root.resolve("work");

        try (StoreDatabase database = StoreDatabase.open("", "", "", "", work)) {
            assertThat(database.isEmbedded()).isTrue();
        }

        assertThat(mode(work)).isEqualTo("rwx------");
        assertThat(mode(work.resolve("store"))).isEqualTo("rwx------");
        try (var files = Files.list(work.resolve("store"))) {
            assertThat(files).isNotEmpty();
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
