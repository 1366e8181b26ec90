package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.lineage.testing.JavaProcesses;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelops serve} as a real process: it says where it listens, serves pages, and guards writes. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void serveListensReadOnlyUnlessGivenTheTokenAndNeverPrintsIt() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JavaProcesses.classPath(), ModelOpsCli.class.getName(), "serve", "--port", "0",
                "--home", dir.resolve("home").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve("serve.err").toFile());
        pb.environment().put("MODELOPS_SERVE_TOKEN", "tok-123-secret");
        pb.environment().remove("MODELOPS_STORE");
        Process serve = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as(Files.exists(dir.resolve("serve.err")) ? Files.readString(dir.resolve("serve.err")) : "")
                    .isNotNull().startsWith("serving lineage of sqlite:").contains("write APIs need the token")
                    .doesNotContain("tok-123-secret");
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
            assertThat(m.find()).isTrue();
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("Models");
            String env = "{\"kind\":\"ENVIRONMENT\",\"name\":\"prod\"}";
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/api/records"))
                    .POST(HttpRequest.BodyPublishers.ofString(env)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> authorised = http.send(HttpRequest.newBuilder(URI.create(base + "/api/records"))
                    .header("Authorization", "Bearer tok-123-secret").POST(HttpRequest.BodyPublishers.ofString(env)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(authorised.statusCode()).isEqualTo(201);
        } finally {
            serve.destroy();
            serve.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(Cli.run("lineage", "history", "environment:prod", "--home", dir.resolve("home").toString()).out())
                .contains("1 versions");
    }
}
