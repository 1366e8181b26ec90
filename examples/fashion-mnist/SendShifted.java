// Sends Fashion-MNIST test images to the model server, first as they are, then brighter and
// rotated, and prints the server's live drift verdict for each window (the drift module's report,
// the table `modelops drift check` prints). Each window is ended with POST /drift/reset, which
// also completes the window's batch of served images in the drift monitor's folder, for the
// scheduled `modelops drift check --monitor` that run.sh runs next.
// JDK only, run as a single-file program:  java SendShifted.java URL TOKEN CSV
// Exit status 0 when the shifted images drift and the unchanged ones do not, 1 otherwise.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SendShifted {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String url;
    static String token;

    public static void main(String[] args) throws Exception {
        url = args[0];
        token = args[1];
        List<String> lines = Files.readAllLines(Path.of(args[2]));
        String[] header = lines.get(0).split(",");
        List<String> labels = new ArrayList<>();
        List<double[]> images = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (!cells[1].equals("test")) {
                continue;
            }
            labels.add(cells[0]);
            double[] px = new double[cells.length - 2];
            for (int i = 0; i < px.length; i++) {
                px[i] = Double.parseDouble(cells[i + 2]);
            }
            images.add(px);
        }
        waitForHealth();
        int half = images.size() / 2;

        call("POST", "/drift/reset", null);
        double normalAccuracy = send(header, images.subList(0, half), labels.subList(0, half), false);
        String normal = call("GET", "/drift?format=table", null);
        report("unchanged test images", half, normalAccuracy, normal, call("POST", "/drift/reset", null));

        double shiftedAccuracy = send(header, images.subList(half, 2 * half), labels.subList(half, 2 * half), true);
        String shifted = call("GET", "/drift?format=table", null);
        report("brighter (+0.3) and rotated (90 degrees) images", half, shiftedAccuracy, shifted,
                call("POST", "/drift/reset", null));

        boolean ok = !drifted(normal) && drifted(shifted);
        System.out.println(ok ? "live drift: the shifted window drifted, the unchanged one did not"
                : "live drift did NOT separate the windows as expected");
        System.exit(ok ? 0 : 1);
    }

    /** Sends images in batches of 50; returns the share predicted correctly. */
    static double send(String[] header, List<double[]> images, List<String> labels, boolean shift) throws Exception {
        int correct = 0;
        for (int start = 0; start < images.size(); start += 50) {
            StringBuilder body = new StringBuilder("{\"instances\":[");
            int end = Math.min(images.size(), start + 50);
            for (int i = start; i < end; i++) {
                double[] px = shift ? shift(images.get(i)) : images.get(i);
                body.append(i > start ? "," : "").append('{');
                for (int p = 0; p < px.length; p++) {
                    body.append(p > 0 ? "," : "").append('"').append(header[p + 2]).append("\":").append(px[p]);
                }
                body.append('}');
            }
            body.append("]}");
            String answer = call("POST", "/predict/batch", body.toString());
            Matcher m = Pattern.compile("\"prediction\":\"([^\"]*)\"").matcher(answer);
            for (int i = start; m.find(); i++) {
                if (m.group(1).equals(labels.get(i))) {
                    correct++;
                }
            }
        }
        return (double) correct / images.size();
    }

    /** 0.3 brighter (saturating at 1) and turned a quarter clockwise. */
    static double[] shift(double[] px) {
        int n = (int) Math.round(Math.sqrt(px.length));
        double[] out = new double[px.length];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                out[r * n + c] = Math.min(1.0, px[(n - 1 - c) * n + r] + 0.3);
            }
        }
        return out;
    }

    /** The verdict, dataset and domain-classifier lines of the window's drift table, and the batch written. */
    static void report(String what, int n, double accuracy, String table, String reset) {
        System.out.printf(Locale.ROOT, "%s: %d images, accuracy %.3f%n", what, n, accuracy);
        for (String line : table.split("\n")) {
            if (line.startsWith("batch ")) {
                System.out.println("  live drift: " + line.substring(line.lastIndexOf(": ") + 2));
            } else if (line.startsWith("  dataset:") || line.startsWith("  domain classifier:")) {
                System.out.println("  " + line.strip());
            } else if (line.startsWith("  prediction ")) {
                // COLUMN ROLE TYPE TEST STATISTIC THRESHOLD EFFECT P-VALUE PSI DRIFT
                String[] c = line.strip().split(" +");
                System.out.printf("  predicted classes: %s %s (threshold %s), p-value %s: %s%n", c[3], c[4], c[5], c[7],
                        c[9]);
            }
        }
        Matcher batch = Pattern.compile("\"batch\":\"([^\"]*)\"").matcher(reset);
        System.out.println("  served images written to " + (batch.find() ? batch.group(1) : "(no batch: no drift monitor)"));
    }

    /** Whether the table's first line gives the verdict DRIFT. */
    static boolean drifted(String table) {
        String first = table.lines().findFirst().orElse("");
        return first.endsWith(": DRIFT");
    }

    static String call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static void waitForHealth() throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the model server at " + url + " did not come up within 120 s");
            }
            Thread.sleep(250);
        }
    }
}
