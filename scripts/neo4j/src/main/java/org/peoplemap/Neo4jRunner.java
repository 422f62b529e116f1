package org.peoplemap;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Runs Neo4j 5.26 Community embedded with only the Bolt connector on a loopback address,
 * for development and tests on machines without Docker. Auth is off: it listens on 127.0.0.1 only.
 * Args: dataDirectory boltPort [host]. Prints "peoplemap-neo4j ready" once Bolt accepts connections.
 */
public final class Neo4jRunner {
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: Neo4jRunner <dataDirectory> <boltPort> [host]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    String host = args.length > 2 ? args[2] : "127.0.0.1";

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      stopped.countDown();
    }, "peoplemap-neo4j-shutdown"));

    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    System.out.println("peoplemap-neo4j ready bolt://" + host + ":" + port);
    System.out.flush();
    stopped.await();
  }
}
