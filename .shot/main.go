package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	base, tenant, user, pass := os.Args[1], os.Args[2], os.Args[3], os.Args[4]
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.NoSandbox, chromedp.WindowSize(1366, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	err := chromedp.Run(ctx, chromedp.Navigate(base+"/admin/login"),
		chromedp.SetValue(`select[name=tenant], input[name=tenant]`, tenant, chromedp.ByQuery),
		chromedp.SetValue(`input[name=username]`, user, chromedp.ByQuery),
		chromedp.SetValue(`input[name=password]`, pass, chromedp.ByQuery),
		chromedp.Submit(`input[name=password]`, chromedp.ByQuery), chromedp.Sleep(2*time.Second))
	if err != nil {
		fmt.Println("login", err)
		os.Exit(1)
	}
	for i := 5; i+1 < len(os.Args); i += 2 {
		var buf []byte
		if err := chromedp.Run(ctx, chromedp.Navigate(base+os.Args[i]), chromedp.Sleep(time.Second), chromedp.FullScreenshot(&buf, 80)); err != nil {
			fmt.Println(os.Args[i], err)
			continue
		}
		os.WriteFile(os.Args[i+1], buf, 0o644)
	}
}
