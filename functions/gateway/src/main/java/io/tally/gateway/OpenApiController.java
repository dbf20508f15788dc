package io.tally.gateway;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document of the whole HTTP API, {@code openapi/tally-api.json} (no key needed). */
@Controller
public class OpenApiController {

    static final String DOCUMENT = "openapi/tally-api.json";

    /** Where the document is served. */
    static final String PATH = "/openapi.json";

    private final byte[] document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the gateway jar");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT, e);
        }
    }

    @Get(value = PATH, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(document);
    }
}
