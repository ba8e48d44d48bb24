package skillgraph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs an embedded Neo4j Community server with only Bolt enabled, for development and tests.
 *
 * Usage: Neo4jLauncher <home dir> <uri file> [pagecache MiB]
 *
 * Bolt binds 127.0.0.1 on port 0 (the OS picks a free port, so there is no race with other
 * processes); once the database is up the launcher writes `bolt://127.0.0.1:PORT` to the uri file
 * (atomically, via a rename) and prints it. Auth and HTTP are off. SIGTERM shuts down cleanly.
 */
public final class Neo4jLauncher {
  private Neo4jLauncher() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Neo4jLauncher <home dir> <uri file> [pagecache MiB]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    Path uriFile = Path.of(args[1]).toAbsolutePath();
    long pageCacheMiB = args.length > 2 ? Long.parseLong(args[2]) : 256L;
    Files.createDirectories(home);

    long started = System.nanoTime();
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(HttpConnector.enabled, false)
        .setConfig(HttpsConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMiB * 1024L * 1024L)
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        dbms.shutdown();
      } finally {
        stopped.countDown();
      }
    }, "neo4j-shutdown"));

    GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    HostnamePort bolt = db.getDependencyResolver()
        .resolveDependency(ConnectorPortRegister.class)
        .getLocalAddress(ConnectorType.BOLT);
    if (bolt == null) {
      System.err.println("neo4j-launcher: Bolt connector did not register a port");
      dbms.shutdown();
      System.exit(1);
    }
    String uri = "bolt://127.0.0.1:" + bolt.getPort();
    Path tmp = uriFile.resolveSibling(uriFile.getFileName() + ".tmp");
    Files.writeString(tmp, uri + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, uriFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.printf("neo4j-launcher: %s ready in %d ms (home %s)%n", uri, (System.nanoTime() - started) / 1_000_000, home);
    System.out.flush();
    stopped.await();
  }
}
