package org.stemvault.web.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Zero-copy sending of media kept on this machine's disk: the controller answers with the head of
 * the response and an internal header naming the file and the range; a handler placed right after
 * Netty's HTTP codec takes the header off and writes the range as a {@link DefaultFileRegion},
 * which the kernel sends from the page cache ({@code sendfile}), never through the heap. Only on
 * plain HTTP/1.1 connections (TLS and HTTP/2 cannot send a file region; there the controller
 * streams as before), only for GET, and off with {@code stemvault.media.zero-copy=false}.
 */
@Singleton
final class SendFile implements BeanCreatedEventListener<ChannelPipelineCustomizer> {

    /** The handler's name in the channel pipeline. */
    static final String HANDLER = "stemvault-send-file";

    /** The internal header: {@code <offset> <length> <file URI>}. It never leaves the process. */
    static final String HEADER = "X-Stemvault-Send-File";

    private final boolean enabled;
    private final Counter sent;

    SendFile(@Value("${stemvault.media.zero-copy:true}") boolean enabled, MeterRegistry meters) {
        this.enabled = enabled;
        this.sent =
                Counter.builder("stemvault.media.sendfile")
                        .baseUnit("bytes")
                        .description("Media bytes handed to the kernel as file regions (zero-copy)")
                        .register(meters);
    }

    @Override
    public ChannelPipelineCustomizer onCreated(BeanCreatedEvent<ChannelPipelineCustomizer> event) {
        ChannelPipelineCustomizer customizer = event.getBean();
        if (enabled && customizer.isServerChannel()) {
            customizer.doOnConnect(
                    pipeline -> {
                        if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC)
                                        != null
                                && pipeline.get(ChannelPipelineCustomizer.HANDLER_SSL) == null
                                && pipeline.get(HANDLER) == null) {
                            pipeline.addAfter(
                                    ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                                    HANDLER,
                                    new Handler(sent));
                        }
                        return pipeline;
                    });
        }
        return customizer;
    }

    /** Whether this request's connection sends file regions. */
    static boolean available(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.GET
                && request instanceof NettyHttpRequest<?> netty
                && netty.getChannelHandlerContext().pipeline().get(HANDLER) != null;
    }

    /** The internal header's value for {@code length} bytes of {@code file} from {@code offset}. */
    static String header(Path file, long offset, long length) {
        return offset + " " + length + " " + file.toUri();
    }

    /** Per connection: responses on one connection are written in order. */
    static final class Handler extends ChannelDuplexHandler {

        /** The body Micronaut writes after a head we have answered for: dropped. */
        private boolean dropping;

        private final Counter sent;

        Handler(Counter sent) {
            this.sent = sent;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (dropping && msg instanceof HttpContent content) {
                dropping = !(content instanceof LastHttpContent);
                ReferenceCountUtil.release(content);
                promise.setSuccess();
                return;
            }
            if (msg instanceof HttpResponse response && response.headers().contains(HEADER)) {
                send(ctx, response, promise);
                return;
            }
            ctx.write(msg, promise);
        }

        private void send(
                ChannelHandlerContext ctx, HttpResponse response, ChannelPromise promise) {
            String[] spec = response.headers().get(HEADER).split(" ", 3);
            response.headers().remove(HEADER);
            long offset = Long.parseLong(spec[0]);
            long length = Long.parseLong(spec[1]);
            HttpResponse head =
                    new DefaultHttpResponse(
                            response.protocolVersion(), response.status(), response.headers());
            head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            boolean complete = response instanceof LastHttpContent;
            ReferenceCountUtil.release(response);
            dropping = !complete;
            FileChannel file;
            try {
                file = FileChannel.open(Path.of(URI.create(spec[2])), StandardOpenOption.READ);
            } catch (IOException | RuntimeException gone) {
                // Removed between the check and now: nothing to send.
                head.setStatus(HttpResponseStatus.NOT_FOUND);
                head.headers().remove(HttpHeaderNames.CONTENT_RANGE);
                HttpUtil.setContentLength(head, 0);
                ctx.write(head);
                ctx.write(LastHttpContent.EMPTY_LAST_CONTENT, promise);
                return;
            }
            HttpUtil.setContentLength(head, length);
            ctx.write(head);
            ctx.write(new DefaultFileRegion(file, offset, length))
                    .addListener(
                            done -> {
                                if (done.isSuccess()) {
                                    sent.increment(length);
                                }
                            });
            ctx.write(LastHttpContent.EMPTY_LAST_CONTENT, promise);
        }
    }
}
