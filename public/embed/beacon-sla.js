/*
 * <beacon-sla>: Beacon's SLA widget as a custom element for sales pages.
 *
 *   <script src="https://status.example.com/embed/beacon-sla.js" defer></script>
 *   <beacon-sla policy="model-b-zmanda" plans="standard,premium" severity="P1"></beacon-sla>
 *
 * Attributes (all optional but policy): policy, plan, plans (comma-separated), severity,
 * theme (light|dark|auto), accent (#rgb or #rrggbb), compact (present = compact), lang,
 * due (present = "If you filed now": live due times), centre (the calendar for those).
 * The element renders into its own shadow root, so the host page's CSS cannot reach inside;
 * the widget itself (the Rust/wasm widget at /embed/sla/) runs in an iframe from the status site and
 * reports its height, which this element applies after checking the message's origin and that
 * it came from its own frame. No third-party code; no cookies or storage are used.
 *
 * The element styles its shadow root with a constructed stylesheet and sizes the frame through
 * the CSSOM, so a host page needs no 'unsafe-inline'. Content-Security-Policy the host page
 * needs: `script-src <status origin>` and `frame-src <status origin>` (plus whatever the page
 * already allows); docs/embedding.md has the complete header.
 */
(function () {
  'use strict';
  if (window.customElements.get('beacon-sla')) return;
  var script = document.currentScript;
  // This file lives at <site root>/embed/beacon-sla.js.
  var siteRoot = new URL('../', script ? script.src : location.href);
  var ATTRIBUTES = ['policy', 'plan', 'plans', 'severity', 'theme', 'accent', 'compact', 'lang', 'due', 'centre'];
  // Attributes whose presence is the setting (`<beacon-sla compact due>`).
  var SWITCHES = ['compact', 'due'];

  var SHADOW_CSS = ':host{all:initial;display:block;contain:content}' +
    'iframe{all:initial;display:block;width:100%;height:320px;border:0}';
  var shared;
  // One constructed stylesheet for every element's shadow root: a Content-Security-Policy
  // without 'unsafe-inline' in style-src blocks a <style> element but not a stylesheet built
  // from script (CSSOM).
  function sheet() {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(SHADOW_CSS);
    }
    return shared;
  }

  function widgetUrl(element) {
    var url = new URL('embed/sla/', siteRoot);
    ATTRIBUTES.forEach(function (name) {
      if (!element.hasAttribute(name)) return;
      var value = element.getAttribute(name);
      url.searchParams.set(name, SWITCHES.indexOf(name) >= 0 ? '1' : value);
    });
    // The widget tells its height to this page's origin only.
    url.searchParams.set('origin', location.origin);
    return url.href;
  }

  class BeaconSla extends HTMLElement {
    static get observedAttributes() { return ATTRIBUTES; }

    constructor() {
      super();
      var root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet()];
      this.frame = document.createElement('iframe');
      this.frame.setAttribute('title', 'Support response times');
      this.frame.setAttribute('loading', 'lazy');
      this.frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
      root.append(this.frame);
      var frame = this.frame;
      this.onMessage = function (event) {
        if (event.origin !== siteRoot.origin || event.source !== frame.contentWindow) return;
        var data = event.data;
        if (!data || data.type !== 'beacon-sla:height' || typeof data.height !== 'number') return;
        if (data.height > 0 && data.height < 20000) frame.style.height = Math.ceil(data.height) + 'px';
      };
    }

    connectedCallback() {
      window.addEventListener('message', this.onMessage);
      this.update();
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.onMessage);
    }

    attributeChangedCallback() {
      if (this.isConnected) this.update();
    }

    update() {
      var src = widgetUrl(this);
      if (this.frame.getAttribute('src') !== src) this.frame.setAttribute('src', src);
    }
  }

  window.customElements.define('beacon-sla', BeaconSla);
})();
