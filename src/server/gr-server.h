/* gr-server.h: granary-server's HTTP side (SYNC.md §3.3)
 *
 * A SoupServer on the main loop reads requests and answers them; the
 * database work of every request runs on a pool of worker threads, each
 * with its own PostgreSQL connection, while the message is paused, so a
 * slow query never holds up other clients. Nothing is kept between
 * requests but those connections: several instances can share one
 * PostgreSQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-server-auth.h"

G_BEGIN_DECLS

typedef struct {
  char               *database;     /* libpq connection string */
  guint               workers;
  gsize               max_body;     /* request body as sent (bytes) */
  gsize               max_decoded;  /* request body after gzip (bytes) */
  gsize               max_blob;     /* a photo (bytes) */
  guint               max_wait;     /* longest long-poll (seconds) */
  GrServerAuthLimits  auth;
} GrServerConfig;

void gr_server_config_init  (GrServerConfig *config);
void gr_server_config_clear (GrServerConfig *config);

#define GR_TYPE_SERVER (gr_server_get_type ())
G_DECLARE_FINAL_TYPE (GrServer, gr_server, GR, SERVER, GObject)

/* Connects to the database and brings its schema up to date. */
GrServer *gr_server_new      (const GrServerConfig  *config,
                              GError               **error);
/* address: HOST:PORT (port 0: any free port); tls: NULL for plain HTTP. */
gboolean  gr_server_listen   (GrServer              *self,
                              const char            *address,
                              GTlsCertificate       *tls,
                              GError               **error);
/* The first URL it listens on, e.g. http://127.0.0.1:8080/ */
char     *gr_server_get_url  (GrServer              *self);

G_END_DECLS
