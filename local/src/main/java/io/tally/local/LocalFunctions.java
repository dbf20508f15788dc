package io.tally.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.micronaut.context.ApplicationContext;
import io.tally.catalog.FunctionSpec;
import io.tally.catalog.TallyCatalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog's functions as handler instances in this process: the same classes Lambda runs, constructed
 * with the local application context (one instance per function, like a warm Lambda).
 */
public final class LocalFunctions {

    private final ApplicationContext context;
    private final Map<String, RequestHandler<Object, Object>> handlers = new ConcurrentHashMap<>();

    public LocalFunctions(ApplicationContext context) {
        this.context = context;
    }

    /** Invokes function {@code logicalName} with {@code input}, as Lambda would. */
    @SuppressWarnings("unchecked")
    public <O> O invoke(String logicalName, Object input) {
        FunctionSpec function = TallyCatalog.function(logicalName);
        return (O) handlers.computeIfAbsent(logicalName, name -> instantiate(function))
                .handleRequest(input, new LocalLambdaContext(function));
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> instantiate(FunctionSpec function) {
        String className = function.handler().split("::")[0];
        try {
            Class<?> type = Class.forName(className);
            return (RequestHandler<Object, Object>) type.getConstructor(ApplicationContext.class).newInstance(context);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + className + " of function "
                    + function.logicalName(), e);
        }
    }
}
