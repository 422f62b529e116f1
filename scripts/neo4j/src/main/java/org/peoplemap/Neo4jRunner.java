package org.peoplemap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Runs Neo4j 5.26 Community embedded with only the Bolt connector on a loopback address, for
 * development and tests on machines without Docker. Auth is on: the user neo4j gets the password in
 * the environment variable NEO4J_PASSWORD (never an argument, which other users could read in ps).
 * On a new data directory it is the initial password, in place before Bolt opens (what neo4j-admin
 * dbms set-initial-password does); on an existing one it replaces the previous run's password
 * through the system database. Args: dataDirectory boltPort [host].
 * Graph Data Science is registered from the plugin directory Maven fills beside the launcher's
 * classes (target/plugins), as a Neo4j server registers its plugins/ folder; its procedures read
 * the store, so they are unrestricted. PEOPLEMAP_NEO4J_GDS=off leaves it out (the plugin directory
 * is then the data directory's own, empty one): a database without GDS, for the tests of that case.
 * Prints "peoplemap-neo4j ready" once Bolt accepts connections.
 */
public final class Neo4jRunner {
  private static final String USER = "neo4j";

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: NEO4J_PASSWORD=… Neo4jRunner <dataDirectory> <boltPort> [host]");
      System.exit(2);
    }
    String password = System.getenv("NEO4J_PASSWORD");
    if (password == null || password.length() < 8) {
      System.err.println("Neo4jRunner: set NEO4J_PASSWORD (8 characters or more)");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    String host = args.length > 2 ? args[2] : "127.0.0.1";

    Config layout = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
    boolean fresh = !Files.exists(
        layout.get(GraphDatabaseInternalSettings.databases_root_path)
            .resolve(GraphDatabaseSettings.SYSTEM_DATABASE_NAME));
    if (fresh) writeInitialPassword(layout, password);

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.plugin_dir, pluginDirectory(home))
        .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
        // An erased resident stays in the transaction logs until they are pruned: keep only the
        // latest non-empty log (Neo4j's default keeps two days of them). docs/operations.md
        .setConfig(GraphDatabaseSettings.keep_logical_logs, "keep_none")
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      stopped.countDown();
    }, "peoplemap-neo4j-shutdown"));

    try {
      if (!fresh) setPassword(dbms, password);
      dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1); // the shutdown hook closes the database
    }
    System.out.println("peoplemap-neo4j ready bolt://" + host + ":" + port);
    System.out.flush();
    stopped.await();
  }

  /** target/plugins, beside the target/classes this launcher is loaded from (or none: above). */
  private static Path pluginDirectory(Path home) throws Exception {
    if ("off".equals(System.getenv("PEOPLEMAP_NEO4J_GDS"))) return home.resolve("plugins");
    Path classes = Path.of(Neo4jRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return classes.resolveSibling("plugins");
  }

  /**
   * Replaces the previous run's password. Neo4j refuses a new password equal to the old one (a
   * restart that keeps it, as the fault tests do), so it passes through a random one first.
   */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    String alter = "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED";
    var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    system.executeTransactionally(alter, Map.of("password", UUID.randomUUID().toString()));
    system.executeTransactionally(alter, Map.of("password", password));
  }

  /** The file the system database reads its first user from when it is created. */
  private static void writeInitialPassword(Config layout, String password) throws Exception {
    Path file = CommunitySecurityModule.getInitialUserRepositoryFile(layout);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    FileUserRepository users = new FileUserRepository(
        new DefaultFileSystemAbstraction(), file, NullLogProvider.getInstance(),
        EmptyMemoryTracker.INSTANCE);
    users.start();
    SystemGraphCredential credential = SystemGraphCredential.createCredentialForPassword(
        password.getBytes(StandardCharsets.UTF_8), new SecureHasher());
    users.create(new User(USER, null, credential, false, false));
    users.shutdown();
  }
}
