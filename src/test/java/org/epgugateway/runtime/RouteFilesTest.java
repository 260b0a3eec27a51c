package org.epgugateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route file is canonical Camel YAML DSL: it passes the JSON schema shipped inside the camel-yaml-dsl jar,
 * which is what Kaoto and other Camel tools read.
 */
class RouteFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> routeFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(Path.of("routes"), "*.camel.yaml")) {
            stream.forEach(files::add);
        }
        assertThat(files).as("route files in routes/").isNotEmpty();
        return files.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void route_file_passes_the_canonical_camel_yaml_dsl_schema(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());

        Set<ValidationMessage> problems = canonicalSchema().validate(routes);

        assertThat(problems).as("schema problems in " + file).isEmpty();
    }

    private static JsonSchema canonicalSchema() throws IOException {
        try (InputStream in = RouteFilesTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("camelYamlDsl.json inside the camel-yaml-dsl jar").isNotNull();
            JsonNode schema = new ObjectMapper().readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        }
    }
}
