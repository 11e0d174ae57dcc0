/*
 * libzmq side of zmq-kt's benchmark runner. One process plays one role:
 *
 *   bench_peer thr-recv <endpoint> <count> <size>      bind PULL, time <count> messages, print msgs/s
 *   bench_peer thr-send <endpoint> <count> <size>      connect PUSH, send <count> messages of <size> bytes
 *   bench_peer lat-echo <endpoint> <count> <size> <type>   bind <type> (PAIR or REP), echo <count> messages
 *   bench_peer lat-ping <endpoint> <count> <size> <type>   connect <type> (PAIR or REQ), time <count> round
 *                                                      trips, print the one-way latency in microseconds
 *
 *   bench_peer fan-pub <endpoint> <count> <size> <subs> bind an XPUB (verbose, no-drop), wait for <subs>
 *                                                      subscriptions, publish <count> messages
 *   bench_peer fan-sub <endpoint> <count> <size> <subs> <subs> SUB sockets receive <count> messages each;
 *                                                      prints the per-subscriber rate
 *   bench_peer inproc-thr <name> <count> <size>       PUSH/PULL over inproc in one process (a sender thread)
 *   bench_peer inproc-lat <name> <count> <size> <type> REQ/REP or PAIR over inproc (an echo thread)
 *   bench_peer proxy <endpoint> <count> <size> <backend> bind a PULL frontend at <endpoint>, connect a PUSH
 *                                                      backend to <backend>, print "ready", run zmq_proxy until
 *                                                      killed (the runner ends it once the receiver is done)
 *
 * Results go to stdout as one line: "msgs_per_s=<n>" or "one_way_us=<x>".
 * The environment variable BENCH_WARMUP says how many of the <count> messages (or round trips) come first
 * untimed; the JVM peers read it too, so every implementation is timed the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <pthread.h>
#include <zmq.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* How many of count messages are untimed (BENCH_WARMUP), at least at_least and leaving one timed. */
static long warmup(long count, long at_least) {
    const char *text = getenv("BENCH_WARMUP");
    long w = text ? atol(text) : 0;
    if (w < at_least) w = at_least;
    if (w > count - 1) w = count - 1;
    return w < 0 ? 0 : w;
}

static void fail(const char *what) {
    fprintf(stderr, "bench_peer: %s: %s\n", what, zmq_strerror(zmq_errno()));
    exit(1);
}

static int socket_type(const char *name) {
    if (strcmp(name, "PAIR") == 0) return ZMQ_PAIR;
    if (strcmp(name, "REQ") == 0) return ZMQ_REQ;
    if (strcmp(name, "REP") == 0) return ZMQ_REP;
    if (strcmp(name, "PUSH") == 0) return ZMQ_PUSH;
    if (strcmp(name, "PULL") == 0) return ZMQ_PULL;
    fprintf(stderr, "bench_peer: unknown socket type %s\n", name);
    exit(2);
}

struct job {
    void *ctx;
    const char *endpoint;
    long count;
    size_t size;
    int type;
};

static void *inproc_sender(void *arg) {
    struct job *j = arg;
    void *s = zmq_socket(j->ctx, ZMQ_PUSH);
    if (zmq_connect(s, j->endpoint) != 0) fail("connect");
    zmq_msg_t msg;
    for (long i = 0; i < j->count; i++) {
        zmq_msg_init_size(&msg, j->size);
        memset(zmq_msg_data(&msg), 'x', j->size);
        if (zmq_msg_send(&msg, s, 0) < 0) fail("send");
    }
    zmq_close(s);
    return NULL;
}

static void *inproc_echo(void *arg) {
    struct job *j = arg;
    void *s = zmq_socket(j->ctx, j->type);
    if (zmq_connect(s, j->endpoint) != 0) fail("connect");
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    for (long i = 0; i < j->count; i++) {
        if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv");
        if (zmq_msg_send(&msg, s, 0) < 0) fail("send");
    }
    zmq_msg_close(&msg);
    zmq_close(s);
    return NULL;
}

/* The partner type of an inproc latency pair: REQ talks to REP, PAIR to PAIR. */
static int partner(int type) { return type == ZMQ_REQ ? ZMQ_REP : type; }

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: bench_peer thr-recv|thr-send|lat-echo|lat-ping endpoint count size [type]\n");
        return 2;
    }
    const char *mode = argv[1];
    const char *endpoint = argv[2];
    long count = atol(argv[3]);
    size_t size = (size_t) atol(argv[4]);
    const char *type = argc > 5 ? argv[5] : "PAIR";
    void *ctx = zmq_ctx_new();
    zmq_msg_t msg;

    if (strcmp(mode, "thr-recv") == 0) {
        void *s = zmq_socket(ctx, ZMQ_PULL);
        if (zmq_bind(s, endpoint) != 0) fail("bind");
        printf("ready\n");
        fflush(stdout);
        zmq_msg_init(&msg);
        long w = warmup(count, 1);
        for (long i = 0; i < w; i++) if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv");
        double start = now_seconds();
        for (long i = w; i < count; i++) {
            if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv");
            if (zmq_msg_size(&msg) != size) { fprintf(stderr, "bench_peer: wrong size\n"); return 1; }
        }
        double elapsed = now_seconds() - start;
        printf("msgs_per_s=%.0f\n", (count - w) / elapsed);
        zmq_msg_close(&msg);
        zmq_close(s);
    } else if (strcmp(mode, "thr-send") == 0) {
        void *s = zmq_socket(ctx, ZMQ_PUSH);
        if (zmq_connect(s, endpoint) != 0) fail("connect");
        for (long i = 0; i < count; i++) {
            zmq_msg_init_size(&msg, size);
            memset(zmq_msg_data(&msg), 'x', size);
            if (zmq_msg_send(&msg, s, 0) < 0) fail("send");
        }
        zmq_close(s);
    } else if (strcmp(mode, "lat-echo") == 0) {
        void *s = zmq_socket(ctx, socket_type(type));
        if (zmq_bind(s, endpoint) != 0) fail("bind");
        printf("ready\n");
        fflush(stdout);
        zmq_msg_init(&msg);
        for (long i = 0; i < count; i++) {
            if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv");
            if (zmq_msg_send(&msg, s, 0) < 0) fail("send");
        }
        zmq_msg_close(&msg);
        zmq_close(s);
    } else if (strcmp(mode, "lat-ping") == 0) {
        void *s = zmq_socket(ctx, socket_type(type));
        if (zmq_connect(s, endpoint) != 0) fail("connect");
        zmq_msg_init_size(&msg, size);
        memset(zmq_msg_data(&msg), 'x', size);
        long w = warmup(count, 0);
        for (long i = 0; i < w; i++) {
            if (zmq_msg_send(&msg, s, 0) < 0) fail("send");
            if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv");
        }
        double start = now_seconds();
        for (long i = w; i < count; i++) {
            if (zmq_msg_send(&msg, s, 0) < 0) fail("send");
            if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv");
        }
        double elapsed = now_seconds() - start;
        printf("one_way_us=%.2f\n", elapsed * 1e6 / (2.0 * (count - w)));
        zmq_msg_close(&msg);
        zmq_close(s);
    } else if (strcmp(mode, "fan-pub") == 0) {
        int subs = atoi(type);
        void *s = zmq_socket(ctx, ZMQ_XPUB);
        int one = 1;
        zmq_setsockopt(s, ZMQ_XPUB_VERBOSE, &one, sizeof one);
        zmq_setsockopt(s, ZMQ_XPUB_NODROP, &one, sizeof one);
        if (zmq_bind(s, endpoint) != 0) fail("bind");
        printf("ready\n");
        fflush(stdout);
        zmq_msg_init(&msg);
        for (int i = 0; i < subs; i++) if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv subscription");
        zmq_msg_close(&msg);
        for (long i = 0; i < count; i++) {
            zmq_msg_init_size(&msg, size);
            memset(zmq_msg_data(&msg), 'x', size);
            while (zmq_msg_send(&msg, s, 0) < 0) {
                if (zmq_errno() != EAGAIN) fail("send");
                zmq_poll(NULL, 0, 0); /* no-drop: a subscriber is full, try again */
            }
        }
        int linger = 30000;
        zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
        zmq_close(s);
    } else if (strcmp(mode, "fan-sub") == 0) {
        int subs = atoi(type);
        void **socks = calloc(subs, sizeof(void *));
        long *got = calloc(subs, sizeof(long));
        zmq_pollitem_t *items = calloc(subs, sizeof(zmq_pollitem_t));
        for (int i = 0; i < subs; i++) {
            socks[i] = zmq_socket(ctx, ZMQ_SUB);
            zmq_setsockopt(socks[i], ZMQ_SUBSCRIBE, "", 0);
            if (zmq_connect(socks[i], endpoint) != 0) fail("connect");
            items[i].socket = socks[i];
            items[i].events = ZMQ_POLLIN;
        }
        zmq_msg_init(&msg);
        long done = 0, total = 0;
        long w = warmup(count, 1);
        double start = 0;
        while (done < subs) {
            if (zmq_poll(items, subs, -1) < 0) fail("poll");
            for (int i = 0; i < subs; i++) {
                if (!(items[i].revents & ZMQ_POLLIN) || got[i] == count) continue;
                while (got[i] < count && zmq_msg_recv(&msg, socks[i], ZMQ_DONTWAIT) >= 0) {
                    if (++total == w * subs) start = now_seconds();
                    if (++got[i] == count) done++;
                }
            }
        }
        double elapsed = now_seconds() - start;
        printf("msgs_per_s=%.0f\n", (count - w) / elapsed);
        for (int i = 0; i < subs; i++) zmq_close(socks[i]);
        zmq_msg_close(&msg);
    } else if (strcmp(mode, "inproc-thr") == 0) {
        void *s = zmq_socket(ctx, ZMQ_PULL);
        if (zmq_bind(s, endpoint) != 0) fail("bind");
        struct job j = {ctx, endpoint, count, size, ZMQ_PUSH};
        pthread_t sender;
        pthread_create(&sender, NULL, inproc_sender, &j);
        zmq_msg_init(&msg);
        long w = warmup(count, 1);
        for (long i = 0; i < w; i++) if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv");
        double start = now_seconds();
        for (long i = w; i < count; i++) {
            if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv");
        }
        double elapsed = now_seconds() - start;
        printf("msgs_per_s=%.0f\n", (count - w) / elapsed);
        pthread_join(sender, NULL);
        zmq_msg_close(&msg);
        zmq_close(s);
    } else if (strcmp(mode, "inproc-lat") == 0) {
        int t = socket_type(type);
        void *s = zmq_socket(ctx, t);
        if (zmq_bind(s, endpoint) != 0) fail("bind");
        struct job j = {ctx, endpoint, count, size, partner(t)};
        pthread_t echo;
        pthread_create(&echo, NULL, inproc_echo, &j);
        zmq_msg_init_size(&msg, size);
        memset(zmq_msg_data(&msg), 'x', size);
        long w = warmup(count, 0);
        for (long i = 0; i < w; i++) {
            if (zmq_msg_send(&msg, s, 0) < 0) fail("send");
            if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv");
        }
        double start = now_seconds();
        for (long i = w; i < count; i++) {
            if (zmq_msg_send(&msg, s, 0) < 0) fail("send");
            if (zmq_msg_recv(&msg, s, 0) < 0) fail("recv");
        }
        double elapsed = now_seconds() - start;
        printf("one_way_us=%.2f\n", elapsed * 1e6 / (2.0 * (count - w)));
        pthread_join(echo, NULL);
        zmq_msg_close(&msg);
        zmq_close(s);
    } else if (strcmp(mode, "proxy") == 0) {
        void *frontend = zmq_socket(ctx, ZMQ_PULL);
        void *backend = zmq_socket(ctx, ZMQ_PUSH);
        if (zmq_bind(frontend, endpoint) != 0) fail("bind");
        if (zmq_connect(backend, type) != 0) fail("connect");
        printf("ready\n");
        fflush(stdout);
        zmq_proxy(frontend, backend, NULL); /* returns only when the context ends */
        return 0;
    } else {
        fprintf(stderr, "bench_peer: unknown mode %s\n", mode);
        return 2;
    }
    zmq_ctx_term(ctx);
    return 0;
}
