/*
 * PolicyHub cookie banner: the company's website loads it with one <script> tag, which
 * PolicyHub answers with this file followed by the configuration of the document's version
 * in force (consent/views.py). It
 *  - sends Google Consent Mode v2 defaults (all denied) at once, when the company uses Google
 *    tools, so the tag must come before them;
 *  - loads vanilla-cookieconsent and its style, and runs it once the page is parsed: scripts
 *    marked type="text/plain" data-category="analytics" (or preferences, marketing) run
 *    only after consent to their category;
 *  - sends every choice to PolicyHub as a consent record (no PolicyHub cookie is set; the
 *    consent ID lives in the banner's own cookie on the company's website);
 *  - opens the settings for links to #cookie-settings and elements with
 *    data-cc="show-preferencesModal", and reloads the page when consent is withdrawn, so that
 *    nothing started under the old consent keeps running.
 */
(function () {
  "use strict";

  function gtag() {
    window.dataLayer = window.dataLayer || [];
    window.dataLayer.push(arguments);
  }

  function googleSignals(accepted) {
    var granted = function (category) {
      return accepted.indexOf(category) >= 0 ? "granted" : "denied";
    };
    return {
      analytics_storage: granted("analytics"),
      ad_storage: granted("marketing"),
      ad_user_data: granted("marketing"),
      ad_personalization: granted("marketing"),
      functionality_storage: granted("preferences"),
      personalization_storage: granted("preferences"),
      security_storage: "granted"
    };
  }

  // A cookie name in the policy's table, "_ga_*" for a pattern, as the library clears it.
  function cookieName(name) {
    if (name.indexOf("*") < 0) return name;
    var escaped = name.split("*").map(function (part) {
      return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    });
    return new RegExp("^" + escaped.join(".*") + "$");
  }

  function categories(config) {
    var result = {};
    var sections = config.translations[config.languages[0]].preferencesModal.sections;
    config.categories.forEach(function (name) {
      var category = name === "necessary" ? { enabled: true, readOnly: true } : {};
      var section = sections.filter(function (s) { return s.linkedCategory === name; })[0];
      if (name !== "necessary" && section && section.cookieTable) {
        category.autoClear = {
          cookies: section.cookieTable.body.map(function (row) {
            // The table holds HTML-escaped text; a cookie name has no characters to unescape
            // but these.
            var text = row.name.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
              .replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
            return { name: cookieName(text) };
          })
        };
      }
      result[name] = category;
    });
    return result;
  }

  function choiceOf(preferences) {
    return { all: "accept_all", necessary: "reject_all" }[preferences.acceptType] || "custom";
  }

  function send(config, cookie) {
    var CC = window.CookieConsent;
    var preferences = CC.getUserPreferences();
    var body = JSON.stringify({
      consent_id: cookie.consentId,
      choice: choiceOf(preferences),
      accepted: preferences.acceptedCategories,
      rejected: preferences.rejectedCategories,
      version: config.version,
      revision: config.revision,
      hash: config.hash,
      language: cookie.languageCode || config.languages[0]
    });
    // text/plain keeps it a simple request (no preflight) that survives a reload (keepalive);
    // no credentials: PolicyHub neither reads nor sets a cookie here.
    return fetch(config.endpoint, {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      keepalive: true,
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      body: body
    }).catch(function () { /* the visitor's choice stands even when it cannot be recorded */ });
  }

  function openSettingsOnHash() {
    if (window.location.hash === window.PolicyHubConsent.config.settingsHash) {
      window.CookieConsent.showPreferences();
    }
  }

  function run(config) {
    var CC = window.CookieConsent;
    var withdrawn = false;
    CC.run({
      mode: "opt-in",
      revision: config.revision,
      hideFromBots: false,
      manageScriptTags: true,
      autoClearCookies: true,
      cookie: { name: "cc_cookie", expiresAfterDays: 182, sameSite: "Lax" },
      guiOptions: {
        consentModal: { layout: "box", position: "bottom left", equalWeightButtons: true, flipButtons: false },
        preferencesModal: { layout: "box", equalWeightButtons: true, flipButtons: false }
      },
      categories: categories(config),
      language: {
        default: config.languages[0],
        autoDetect: "document",
        translations: config.translations
      },
      onConsent: function (param) {
        if (config.google) gtag("consent", "update", googleSignals(param.cookie.categories));
      },
      onFirstConsent: function (param) {
        send(config, param.cookie);
      },
      onChange: function (param) {
        var now = param.cookie.categories;
        withdrawn = param.changedCategories.some(function (c) { return now.indexOf(c) < 0; });
        if (config.google) gtag("consent", "update", googleSignals(now));
        var sent = send(config, param.cookie);
        if (withdrawn) {
          // Scripts that run under the old consent stop only with the page: reload once the
          // record is on its way.
          Promise.race([sent, new Promise(function (r) { setTimeout(r, 1500); })]).then(function () {
            window.location.reload();
          });
        }
      }
    });
    openSettingsOnHash();
    window.addEventListener("hashchange", openSettingsOnHash);
    document.addEventListener("click", function (event) {
      if (!event.target.closest) return;
      var language = event.target.closest("[data-policyhub-language]");
      if (language) {
        event.preventDefault();
        CC.setLanguage(language.getAttribute("data-policyhub-language"), true);
      }
      // A settings link opens the settings even when the address already ends in its hash.
      var link = event.target.closest("a[href]");
      if (link && link.hash === config.settingsHash && link.pathname === window.location.pathname) {
        event.preventDefault();
        CC.showPreferences();
      }
    });
  }

  function start(config) {
    window.PolicyHubConsent.config = config;
    if (config.categories.length < 2) return; // strictly necessary cookies only: nothing to ask
    if (config.google) gtag("consent", "default", Object.assign(googleSignals([]), { wait_for_update: 500 }));
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = config.style;
    document.head.appendChild(style);
    var script = document.createElement("script");
    script.src = config.script;
    script.onload = function () {
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", function () { run(config); });
      } else {
        run(config);
      }
    };
    document.head.appendChild(script);
  }

  window.PolicyHubConsent = {
    start: start,
    showSettings: function () { window.CookieConsent && window.CookieConsent.showPreferences(); }
  };
})();
