package io.tally.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.http.exceptions.UriSyntaxException;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The gateway's Lambda entry point: Micronaut's API Gateway v2 function, except that a request it cannot even turn
 * into an HTTP request (a path with a malformed escape such as {@code %ZZ}) is answered {@code 400
 * invalid_request} in the API's error shape, as the local server answers it, instead of failing the invocation.
 */
public class GatewayFunction extends APIGatewayV2HTTPEventFunction {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayFunction.class);

    /** Lambda's constructor: starts the application context. */
    public GatewayFunction() {
        super();
    }

    public GatewayFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent input, Context context) {
        try {
            return super.handleRequest(input, context);
        } catch (UriSyntaxException e) {
            LOG.info("refused a request whose path is not a valid URI: {}", e.getMessage());
            return APIGatewayV2HTTPResponse.builder().withStatusCode(400)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(json(ApiError.of("invalid_request", "the request path is not a valid URI: "
                            + e.getMessage())))
                    .build();
        }
    }

    private String json(ApiError error) {
        try {
            return new String(getApplicationContext().getBean(JsonMapper.class).writeValueAsBytes(error),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
