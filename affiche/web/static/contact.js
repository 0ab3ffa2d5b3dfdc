/* Turns the obfuscated e-mail addresses of an event page ("name [at] domain", with the parts in
   data attributes) back into mailto: links for people; harvesters reading the HTML see no "@". */
(function () {
  "use strict";
  var nodes = document.querySelectorAll("span.email[data-u][data-d]");
  Array.prototype.forEach.call(nodes, function (node) {
    var address = node.dataset.u + "\u0040" + node.dataset.d;
    var link = document.createElement("a");
    link.href = "mailto:" + address;
    link.textContent = address;
    node.replaceWith(link);
  });
})();
