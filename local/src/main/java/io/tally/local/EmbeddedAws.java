package io.tally.local;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * DynamoDB Local, ElasticMQ and S3Proxy in this process, each listening on 127.0.0.1 on a free port.
 * In memory by default; with a data directory, tables and objects survive restarts.
 */
public final class EmbeddedAws implements AwsEndpoints {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "tallylocal";
    public static final String SECRET_KEY = "tallylocalsecret";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAws.class);

    private final LocalDynamoDBRequestHandler dynamoHandler;
    private final Server dynamoServer;
    private final SQSRestServer sqsServer;
    private final S3Proxy s3Proxy;
    private final URI dynamoEndpoint;
    private final URI sqsEndpoint;
    private final URI s3Endpoint;

    private EmbeddedAws(LocalDynamoDBRequestHandler dynamoHandler, Server dynamoServer, SQSRestServer sqsServer,
                        S3Proxy s3Proxy, URI dynamoEndpoint, URI sqsEndpoint, URI s3Endpoint) {
        this.dynamoHandler = dynamoHandler;
        this.dynamoServer = dynamoServer;
        this.sqsServer = sqsServer;
        this.s3Proxy = s3Proxy;
        this.dynamoEndpoint = dynamoEndpoint;
        this.sqsEndpoint = sqsEndpoint;
        this.s3Endpoint = s3Endpoint;
    }

    /** Starts all three emulators; {@code dataDir} empty means in memory. */
    public static EmbeddedAws start(Optional<Path> dataDir) {
        long started = System.nanoTime();
        try {
            Optional<Path> dynamoDir = dataDir.map(d -> directory(d.resolve("dynamodb")));
            LocalDynamoDBRequestHandler dynamoHandler = new LocalDynamoDBRequestHandler(0, dynamoDir.isEmpty(),
                    dynamoDir.map(Path::toString).orElse(null), true, false);
            Server dynamoServer = new Server();
            ServerConnector connector = new ServerConnector(dynamoServer);
            connector.setHost(LOOPBACK);
            connector.setPort(0);
            dynamoServer.addConnector(connector);
            dynamoServer.setHandler(new LocalDynamoDBServerHandler(dynamoHandler, null));
            dynamoServer.start();
            URI dynamo = URI.create("http://" + LOOPBACK + ":" + connector.getLocalPort());

            SQSRestServer sqs = SQSRestServerBuilder.withInterface(LOOPBACK).withDynamicPort()
                    .withServerAddress(new NodeAddress("http", "*", 0, "")).withAWSRegion(REGION).start();
            int sqsPort = sqs.waitUntilStarted().localAddress().getPort();
            URI sqsUri = URI.create("http://" + LOOPBACK + ":" + sqsPort);

            BlobStore blobs = dataDir.<BlobStore>map(d -> new FilesystemNio2BlobStore(directory(d.resolve("s3")).toString()))
                    .orElseGet(TransientNio2BlobStore::new);
            S3Proxy s3 = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://" + LOOPBACK + ":0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
            s3.start();
            while (!"STARTED".equals(s3.getState())) {
                Thread.sleep(5);
            }
            URI s3Uri = URI.create("http://" + LOOPBACK + ":" + s3.getPort());
            LOG.info("embedded AWS up in {} ms: dynamodb {}, sqs {}, s3 {}", (System.nanoTime() - started) / 1_000_000,
                    dynamo, sqsUri, s3Uri);
            return new EmbeddedAws(dynamoHandler, dynamoServer, sqs, s3, dynamo, sqsUri, s3Uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded AWS stack", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded AWS stack: " + e.getMessage(), e);
        }
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    @Override
    public URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    @Override
    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    @Override
    public URI s3Endpoint() {
        return s3Endpoint;
    }

    @Override
    public String region() {
        return REGION;
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }

    @Override
    public void close() {
        try {
            s3Proxy.stop();
        } catch (Exception e) {
            LOG.warn("S3Proxy did not stop cleanly", e);
        }
        sqsServer.stopAndWait();
        try {
            dynamoServer.stop();
        } catch (Exception e) {
            LOG.warn("DynamoDB Local did not stop cleanly", e);
        }
        dynamoHandler.shutdown();
    }
}
