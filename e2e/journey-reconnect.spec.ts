// Live updates survive a dropped connection: a tab that is offline while the images are made
// says so, reconnects by itself, and catches up from the API (the database is the truth).
import { expect, test, type WebSocketRoute } from "@playwright/test";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import { createAd } from "./support/api-ad";
import { snap } from "./support/snap";

test("a tab that lost its connection catches up when it is back", async ({ browser }) => {
  const { context, page: active } = await newMarketer(browser, "Commuter");
  const id = await createAd(context.request);
  const away = await context.newPage();

  // The away tab's Socket.IO traffic goes through a switch: its long-polling requests and
  // its WebSocket can be cut, as a lost network would.
  let offline = false;
  const sockets: WebSocketRoute[] = [];
  await away.route("**/socket.io/**", (route) =>
    offline ? route.abort("internetdisconnected") : route.continue(),
  );
  await away.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (offline) return void ws.close();
    ws.connectToServer();
    sockets.push(ws);
  });

  const tabs = { active: new WorkspacePage(active), away: new WorkspacePage(away) };
  await tabs.away.goto(id);
  await tabs.active.goto(id);
  await expect(away.getByTestId("connection")).toHaveAttribute("data-state", "live");

  offline = true;
  await Promise.all(sockets.map((ws) => ws.close()));
  await expect(away.getByTestId("connection")).toHaveAttribute("data-state", "offline");

  await active.getByTestId("confirm-images").click();
  await tabs.active.waitForStatus("reviewing_images");
  await expect(away.getByTestId("workspace")).toHaveAttribute("data-status", "created"); // missed it all
  await snap(away, "away-while-offline");

  offline = false;
  await expect(away.getByTestId("connection")).toHaveAttribute("data-state", "live", {
    timeout: 30_000,
  });
  await tabs.away.waitForStatus("reviewing_images", 15_000);
  await expect(tabs.away.readyImages()).toHaveCount(4);
  await snap(away, "away-caught-up");
  await context.close();
});
