// A webhook that receives alert events: its URL and the secret its bodies are signed with.
//
// Every POST carries `X-Partyscreen-Signature: sha256=<hex HMAC-SHA256 of the body under the
// secret>`, so the receiver can check that partyscreen sent the body unchanged. The secret is read
// from a file (not a flag or the environment, which other processes can see).
#pragma once

#include <string>

#include "partyscreen/status.h"

namespace partyscreen {

struct Webhook {
  std::string url;     // http:// or https://
  std::string secret;  // the HMAC key
};

// `url` checked (http or https) and the secret read from `secret_file`: its bytes without the
// trailing line break or spaces, at least 16 of them. Errors name the flag or the file.
Result<Webhook> LoadWebhook(const std::string& url, const std::string& secret_file);

// "sha256=<64 hex digits>": the X-Partyscreen-Signature header value of `body`.
std::string WebhookSignature(const std::string& secret, const std::string& body);

// Names the webhook in the database's cursors (alert_events.h): a hash of its URL, so that a token
// in the URL is not stored.
std::string WebhookId(const std::string& url);
// The URL for people: without user:password@, query and fragment.
std::string WebhookLabel(const std::string& url);

}  // namespace partyscreen
