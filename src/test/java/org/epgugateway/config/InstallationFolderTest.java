package org.epgugateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the gateway finds its shipped files, whatever folder it is started from. */
class InstallationFolderTest {

    @TempDir
    Path temp;

    @Test
    void a_jar_beside_routes_is_installed_in_its_own_folder() throws Exception {
        Path install = Files.createDirectories(temp.resolve("opt/epgu-gateway"));
        Files.createDirectories(install.resolve("routes"));
        Files.createDirectories(install.resolve("lib"));
        Path jar = Files.createFile(install.resolve("epgu-gateway.jar"));

        assertThat(InstallationFolder.fromCodeLocation(jar, temp.resolve("elsewhere"))).isEqualTo(install);
    }

    @Test
    void a_jar_in_the_projects_target_folder_is_installed_in_the_project_folder() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("routes"));
        Files.createDirectories(project.resolve("target/lib"));
        Path jar = Files.createFile(project.resolve("target/epgu-gateway.jar"));

        assertThat(InstallationFolder.fromCodeLocation(jar, temp.resolve("elsewhere"))).isEqualTo(project);
    }

    @Test
    void classes_outside_a_jar_or_a_jar_without_routes_around_it_fall_back_to_the_working_folder() throws Exception {
        Path classes = Files.createDirectories(temp.resolve("target/classes"));
        Path lonelyJar = Files.createFile(temp.resolve("target/epgu-gateway.jar"));
        Path working = temp.resolve("working");

        assertThat(InstallationFolder.fromCodeLocation(classes, working)).isEqualTo(working);
        assertThat(InstallationFolder.fromCodeLocation(lonelyJar, working)).isEqualTo(working);
        assertThat(InstallationFolder.fromCodeLocation(null, working)).isEqualTo(working);
    }

    @Test
    void gateway_home_from_the_command_line_or_the_environment_wins_over_the_jars_location() {
        Properties system = new Properties();
        system.setProperty("gateway.home", temp.resolve("from-d").toString());

        assertThat(InstallationFolder.locate(system, Map.of("GATEWAY_HOME", "/srv/from-env")))
                .isEqualTo(temp.resolve("from-d"));
        assertThat(InstallationFolder.locate(new Properties(), Map.of("GATEWAY_HOME", "/srv/from-env")))
                .isEqualTo(Path.of("/srv/from-env"));
    }

    @Test
    void gateway_home_in_the_configuration_file_is_resolved_against_the_located_folder() {
        Properties file = new Properties();
        file.setProperty("gateway.home", "../shared");
        GatewaySettings settings = GatewaySettings.of(file, Map.of(), new Properties());

        assertThat(InstallationFolder.of(settings, temp.resolve("install"))).isEqualTo(temp.resolve("shared"));
        assertThat(InstallationFolder.of(GatewaySettings.of(new Properties(), Map.of(), new Properties()),
                temp.resolve("install"))).isEqualTo(temp.resolve("install"));
    }
}
