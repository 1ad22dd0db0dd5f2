// RUN: %check_clang_tidy %s vibeguard-injection-ssrf %t

#include <curl/curl.h>
#include <string>
#include <httplib.h>

static void fetch(const std::string &url) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: user input from 'get_param_value' reaches the URL of a libcurl request (CURLOPT_URL) (server-side request forgery); check the scheme and host against an allowlist before the request [vibeguard-injection-ssrf]
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}

void routes(httplib::Server &svr) {
  svr.Get("/preview", [](const httplib::Request &req, httplib::Response &) {
    fetch(req.get_param_value("url"));
  });
  svr.Get("/proxy", [](const httplib::Request &req, httplib::Response &) {
    httplib::Client cli(req.get_header_value("X-Upstream"));
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: user input from 'get_header_value' reaches argument 1 of 'Client'
    cli.Get("/status");
  });
  // Safe: a fixed host; the user value is escaped into the query string.
  svr.Get("/search", [](const httplib::Request &req, httplib::Response &) {
    CURL *h = curl_easy_init();
    std::string q = req.get_param_value("q");
    char *esc = curl_easy_escape(h, q.c_str(), (int)q.size());
    std::string url = std::string("https://api.example.com/search?q=") + esc;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_URL, "https://api.example.com/health");
    curl_free(esc);
    curl_easy_cleanup(h);
  });
}
