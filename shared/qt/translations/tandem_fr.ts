<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>{what} — not available yet.</source>
        <translation>{what} — pas encore disponible.</translation>
    </message>
    <message>
        <source>{what} — not available on this computer.</source>
        <translation>{what} — indisponible sur cet ordinateur.</translation>
    </message>
    <message>
        <source>{what} — {why}</source>
        <translation>{what} — {why}</translation>
    </message>
    <message>
        <source>{what} ({n})</source>
        <translation>{what} ({n})</translation>
    </message>
    <message>
        <source>you are assisting; only the agent in charge ({name}) can do this.</source>
        <translation>vous assistez&#xa0;; seul l&apos;agent responsable ({name}) peut le faire.</translation>
    </message>
    <message>
        <source>you are assisting; only the agent in charge can do this.</source>
        <translation>vous assistez&#xa0;; seul l&apos;agent responsable peut le faire.</translation>
    </message>
    <message>
        <source>Request view</source>
        <translation>Demander l&apos;affichage</translation>
    </message>
    <message>
        <source>Ask the customer to let you see their desktop</source>
        <translation>Demander au client l&apos;autorisation de voir son bureau</translation>
    </message>
    <message>
        <source>Request control</source>
        <translation>Demander le contrôle</translation>
    </message>
    <message>
        <source>Ask the customer to let you see and control their desktop</source>
        <translation>Demander au client l&apos;autorisation de voir et de contrôler son bureau</translation>
    </message>
    <message>
        <source>Show my desktop</source>
        <translation>Partager l&apos;affichage</translation>
    </message>
    <message>
        <source>Show your own desktop to the customer (they are asked first)</source>
        <translation>Montrer votre bureau au client (son accord lui est demandé d&apos;abord)</translation>
    </message>
    <message>
        <source>Give control of my desktop</source>
        <translation>Donner le contrôle de mon bureau</translation>
    </message>
    <message>
        <source>Let the customer see and control your desktop (they are asked first); use your own mouse to take control back</source>
        <translation>Laisser le client voir et contrôler votre bureau (son accord lui est demandé d&apos;abord)&#xa0;; bougez votre propre souris pour reprendre la main</translation>
    </message>
    <message>
        <source>Ask to view the desktop</source>
        <translation>Demander à voir le bureau</translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation>Arrêter le partage</translation>
    </message>
    <message>
        <source>Stop every desktop sharing of this session</source>
        <translation>Arrêter tous les partages de bureau de cette session</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>Annuler la demande</translation>
    </message>
    <message>
        <source>Take back what you asked before the customer answers: their question closes</source>
        <translation>Retirer votre demande avant que le client ne réponde&#xa0;: sa question se ferme</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Bureau</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Write to the customer or to everyone in the session</source>
        <translation>Écrire au client ou à tous les participants de la session</translation>
    </message>
    <message>
        <source>Send a chat message</source>
        <translation>Envoyer un message de discussion</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Message&#xa0;:</translation>
    </message>
    <message>
        <source>File transfer</source>
        <translation>Transfert de fichiers</translation>
    </message>
    <message>
        <source>Send files to the customer or fetch theirs</source>
        <translation>Envoyer des fichiers au client ou récupérer les siens</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Write notes about this session, kept with its record</source>
        <translation>Prendre des notes sur cette session, conservées avec son compte rendu</translation>
    </message>
    <message>
        <source>no other agent has joined this session as assistant.</source>
        <translation>aucun autre agent n&apos;a rejoint cette session en tant qu&apos;assistant.</translation>
    </message>
    <message>
        <source>Invite…</source>
        <translation>Inviter…</translation>
    </message>
    <message>
        <source>Invite a customer or another agent: by email, by a link or by the number</source>
        <translation>Inviter un client ou un autre agent&#xa0;: par courriel, par un lien ou par le numéro</translation>
    </message>
    <message>
        <source>Copy number</source>
        <translation>Copier le numéro</translation>
    </message>
    <message>
        <source>Copy the session number to the clipboard</source>
        <translation>Copier le numéro de session dans le presse-papiers</translation>
    </message>
    <message>
        <source>Copy join link</source>
        <translation>Copier le lien d&apos;accès</translation>
    </message>
    <message>
        <source>Copy the link that lets the customer join in one click</source>
        <translation>Copier le lien qui permet au client de rejoindre la session en un clic</translation>
    </message>
    <message>
        <source>View application</source>
        <translation>Afficher une application</translation>
    </message>
    <message>
        <source>Control application</source>
        <translation>Contrôler une application</translation>
    </message>
    <message>
        <source>Ask to see one of the customer&apos;s applications (they choose which), and nothing else of their screen</source>
        <translation>Demander à voir une des applications du client (il choisit laquelle), et rien d&apos;autre de son écran</translation>
    </message>
    <message>
        <source>Ask to see and control one of the customer&apos;s applications (they choose which), and nothing else of their screen</source>
        <translation>Demander à voir et contrôler une des applications du client (il choisit laquelle), et rien d&apos;autre de son écran</translation>
    </message>
    <message>
        <source>Show my application</source>
        <translation>Montrer mon application</translation>
    </message>
    <message>
        <source>Show one of your applications to the customer</source>
        <translation>Montrer l&apos;une de vos applications au client</translation>
    </message>
    <message>
        <source>Give control of my application</source>
        <translation>Donner le contrôle de mon application</translation>
    </message>
    <message>
        <source>Let the customer control one of your applications</source>
        <translation>Laisser le client contrôler l&apos;une de vos applications</translation>
    </message>
    <message>
        <source>Start session</source>
        <translation>Démarrer une session</translation>
    </message>
    <message>
        <source>Start a new support session and get its number</source>
        <translation>Démarrer une nouvelle session d&apos;assistance et obtenir son numéro</translation>
    </message>
    <message>
        <source>Join as assistant…</source>
        <translation>Rejoindre en tant qu&apos;assistant…</translation>
    </message>
    <message>
        <source>Join another agent&apos;s session by its number, as an assistant</source>
        <translation>Rejoindre la session d&apos;un autre agent par son numéro, en tant qu&apos;assistant</translation>
    </message>
    <message>
        <source>Hand control of the session to an agent who joined it as assistant</source>
        <translation>Transférer le contrôle de la session à un agent qui l&apos;a rejointe en tant qu&apos;assistant</translation>
    </message>
    <message>
        <source>Take over session</source>
        <translation>Reprendre la session</translation>
    </message>
    <message>
        <source>Take control of the session: the agent in charge lost their connection</source>
        <translation>Prendre le contrôle de la session&#xa0;: l&apos;agent responsable a perdu sa connexion</translation>
    </message>
    <message>
        <source>Leave this session; it goes on for the others (only the agent in charge ends it)</source>
        <translation>Quitter cette session&#xa0;; elle continue pour les autres (seul l&apos;agent responsable y met fin)</translation>
    </message>
    <message>
        <source>Session options</source>
        <translation>Options de session</translation>
    </message>
    <message>
        <source>Picture quality and colours of this session&apos;s viewers</source>
        <translation>Qualité d&apos;image et couleurs des fenêtres de partage de cette session</translation>
    </message>
    <message>
        <source>Transfer control</source>
        <translation>Transférer le contrôle</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>Mettre fin à la session</translation>
    </message>
    <message>
        <source>End the session for everyone (asks first)</source>
        <translation>Mettre fin à la session pour tous (après confirmation)</translation>
    </message>
    <message>
        <source>End the session</source>
        <translation>Terminer la session</translation>
    </message>
    <message>
        <source>End the {n} ticked sessions for everyone? Their customers will be disconnected.</source>
        <translation>Terminer les {n} sessions cochées pour tout le monde&#xa0;? Leurs clients seront déconnectés.</translation>
    </message>
    <message>
        <source>Leave session</source>
        <translation>Quitter la session</translation>
    </message>
    <message>
        <source>System information</source>
        <translation>Informations système</translation>
    </message>
    <message>
        <source>See the customer&apos;s system: hardware, programs, services</source>
        <translation>Voir le système du client&#xa0;: matériel, programmes, services</translation>
    </message>
    <message>
        <source>This session is over; nothing was done.</source>
        <translation>Cette session est terminée&#xa0;; rien n&apos;a été fait.</translation>
    </message>
    <message>
        <source>Session ended.</source>
        <translation>Session terminée.</translation>
    </message>
    <message>
        <source>you already have {n} sessions open, the most your support center allows; end one to start another.</source>
        <translation>vous avez déjà {n} sessions ouvertes, le maximum permis par votre centre d&apos;assistance&#xa0;; terminez-en une pour en démarrer une autre.</translation>
    </message>
    <message>
        <source>Co-browse ▸ View</source>
        <translation>Co-naviguer ▸ Afficher</translation>
    </message>
    <message>
        <source>Ask the customer to let you see the window they called you from (their browser), and nothing else of their screen</source>
        <translation>Demander au client l&apos;autorisation de voir la fenêtre depuis laquelle il vous a appelé (son navigateur), et rien d&apos;autre de son écran</translation>
    </message>
    <message>
        <source>Co-browse ▸ Control</source>
        <translation>Co-naviguer ▸ Contrôler</translation>
    </message>
    <message>
        <source>Ask the customer to let you see and control the window they called you from (their browser), and nothing else of their screen</source>
        <translation>Demander au client l&apos;autorisation de voir et de contrôler la fenêtre depuis laquelle il vous a appelé (son navigateur), et rien d&apos;autre de son écran</translation>
    </message>
    <message>
        <source>Start call</source>
        <translation>Démarrer l&apos;appel</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Terminer l&apos;appel</translation>
    </message>
    <message>
        <source>End the voice call; the session goes on</source>
        <translation>Terminer l&apos;appel vocal&#xa0;; la session continue</translation>
    </message>
    <message>
        <source>Start a voice call: everyone in the session is asked to join</source>
        <translation>Démarrer un appel vocal&#xa0;: chaque participant est invité à le rejoindre</translation>
    </message>
    <message>
        <source>Pass microphone…</source>
        <translation>Passer le micro à…</translation>
    </message>
    <message>
        <source>Choose who in the call may speak beside you</source>
        <translation>Choisir qui, dans l&apos;appel, peut parler avec vous</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Couper le micro</translation>
    </message>
    <message>
        <source>Mute or unmute your microphone in the call</source>
        <translation>Couper ou rétablir votre micro dans l&apos;appel</translation>
    </message>
    <message>
        <source>Volume…</source>
        <translation>Volume sonore…</translation>
    </message>
    <message>
        <source>Speaker and microphone volume for the call</source>
        <translation>Volume des haut-parleurs et du micro pour l&apos;appel</translation>
    </message>
    <message>
        <source>Audio setup…</source>
        <translation>Réglage audio…</translation>
    </message>
    <message>
        <source>Choose the microphone and speakers and test their levels</source>
        <translation>Choisir le micro et les haut-parleurs et tester leurs niveaux</translation>
    </message>
    <message>
        <source>Join call</source>
        <translation>Rejoindre l&apos;appel</translation>
    </message>
    <message>
        <source>Join the voice call the agent in charge started</source>
        <translation>Rejoindre l&apos;appel vocal démarré par l&apos;agent responsable</translation>
    </message>
    <message>
        <source>Leave call</source>
        <translation>Quitter l&apos;appel</translation>
    </message>
    <message>
        <source>Leave the voice call; you may join it again</source>
        <translation>Quitter l&apos;appel vocal&#xa0;; vous pourrez le rejoindre</translation>
    </message>
    <message>
        <source>Print to my printer</source>
        <translation>Imprimer sur mon imprimante</translation>
    </message>
    <message>
        <source>Print what the customer prints on your own printer, while you control their desktop (they are asked first)</source>
        <translation>Imprimer sur votre propre imprimante ce que le client imprime, pendant que vous contrôlez son bureau (le client est d&apos;abord consulté)</translation>
    </message>
</context>
<context>
    <name>Annotation</name>
    <message>
        <source>An annotation was refused: {reason}</source>
        <translation>Une annotation a été refusée&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Nothing is shared now: there is nothing to annotate.</source>
        <translation>Rien n&apos;est partagé pour l&apos;instant&#xa0;: il n&apos;y a rien à annoter.</translation>
    </message>
    <message>
        <source>You draw on your own screen; everyone who sees it sees your annotations. Stop annotating to use your computer again.</source>
        <translation>Vous dessinez sur votre propre écran&#xa0;; tous ceux qui le voient voient vos annotations. Arrêtez d&apos;annoter pour utiliser à nouveau votre ordinateur.</translation>
    </message>
    <message>
        <source>Everyone who sees this screen sees your annotations. Remote control is paused while you annotate.</source>
        <translation>Tous ceux qui voient cet écran voient vos annotations. Le contrôle à distance est suspendu pendant que vous annotez.</translation>
    </message>
    <message>
        <source>Your annotation could not be drawn: {reason}</source>
        <translation>Votre annotation n&apos;a pas pu être dessinée&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Text to write on the screen:</source>
        <translation>Texte à écrire sur l&apos;écran&#xa0;:</translation>
    </message>
    <message>
        <source>The screenshot could not be saved in {folder}.</source>
        <translation>La capture d&apos;écran n&apos;a pas pu être enregistrée dans {folder}.</translation>
    </message>
    <message>
        <source>Screenshot saved to {path}.</source>
        <translation>Capture d&apos;écran enregistrée dans {path}.</translation>
    </message>
    <message>
        <source>Save screenshots in</source>
        <translation>Enregistrer les captures d&apos;écran dans</translation>
    </message>
    <message>
        <source>Share a screen or view the customer&apos;s first.</source>
        <translation>Partagez d&apos;abord un écran ou affichez celui du client.</translation>
    </message>
    <message>
        <source>Annotation panel</source>
        <translation>Panneau d&apos;annotation</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>Annotation</translation>
    </message>
    <message>
        <source>Draw over the shared screen; everyone who sees it sees your annotations</source>
        <translation>Dessiner sur l&apos;écran partagé&#xa0;; tous ceux qui le voient voient vos annotations</translation>
    </message>
    <message>
        <source>You can draw over the shared screen.</source>
        <translation>Vous pouvez dessiner sur l&apos;écran partagé.</translation>
    </message>
    <message>
        <source>Annotate</source>
        <translation>Annoter</translation>
    </message>
    <message>
        <source>Stop annotating</source>
        <translation>Arrêter d&apos;annoter</translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message>
        <source>Annotation</source>
        <translation>Annotation</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>Stylo</translation>
    </message>
    <message>
        <source>Highlighter</source>
        <translation>Surligneur</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>Flèche</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Gomme</translation>
    </message>
    <message>
        <source>Clear all annotations</source>
        <translation>Effacer toutes les annotations</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Rouge</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Jaune</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Vert</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Bleu</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>Noir</translation>
    </message>
    <message>
        <source>White</source>
        <translation>Blanc</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Capture d&apos;écran</translation>
    </message>
    <message>
        <source>Save a picture of the annotated screen</source>
        <translation>Enregistrer une image de l&apos;écran annoté</translation>
    </message>
    <message>
        <source>Save screenshots in…</source>
        <translation>Enregistrer les captures d&apos;écran dans…</translation>
    </message>
    <message>
        <source>Stop annotating</source>
        <translation>Arrêter d&apos;annoter</translation>
    </message>
</context>
<context>
    <name>AppPicker</name>
    <message>
        <source>← &amp;Back</source>
        <translation>← &amp;Retour</translation>
    </message>
</context>
<context>
    <name>AppShare</name>
    <message>
        <source>{agent} asks to control one of your applications</source>
        <translation>{agent} demande à contrôler une de vos applications</translation>
    </message>
    <message>
        <source>{agent} asks to show you their application “{apps}”</source>
        <translation>{agent} demande à vous montrer son application «&#xa0;{apps}&#xa0;»</translation>
    </message>
    <message>
        <source>{agent} offers you control of their application “{apps}”</source>
        <translation>{agent} vous propose de contrôler son application «&#xa0;{apps}&#xa0;»</translation>
    </message>
    <message>
        <source>{agent} asks to see one of your applications</source>
        <translation>{agent} demande à voir une de vos applications</translation>
    </message>
    <message>
        <source>You choose the application next. They will see its windows only, not the rest of your screen, and use your mouse and keyboard in them only. Parts other windows cover are hidden from them. You can stop at any time.</source>
        <translation>Vous choisissez ensuite l&apos;application. Votre interlocuteur ne verra que ses fenêtres, pas le reste de votre écran, et n&apos;utilisera votre souris et votre clavier que dans celles-ci. Les parties masquées par d&apos;autres fenêtres lui sont cachées. Vous pouvez arrêter à tout moment.</translation>
    </message>
    <message>
        <source>A window opens on your screen with their application in it; nothing of your computer is sent. You can stop at any time.</source>
        <translation>Une fenêtre s&apos;ouvre sur votre écran avec son application&#xa0;; rien de votre ordinateur n&apos;est envoyé. Vous pouvez arrêter à tout moment.</translation>
    </message>
    <message>
        <source>A window opens on your screen with their application in it, and your mouse and keyboard work in it; nothing of your computer is sent. You can stop at any time.</source>
        <translation>Une fenêtre s&apos;ouvre sur votre écran avec son application, et votre souris et votre clavier y fonctionnent&#xa0;; rien de votre ordinateur n&apos;est envoyé. Vous pouvez arrêter à tout moment.</translation>
    </message>
    <message>
        <source>You choose the application next. They will see its windows only, not the rest of your screen, and cannot use your mouse or keyboard. Parts other windows cover are hidden from them. You can stop at any time.</source>
        <translation>Vous choisissez ensuite l&apos;application. Votre interlocuteur ne verra que ses fenêtres, pas le reste de votre écran, et ne pourra pas utiliser votre souris ni votre clavier. Les parties masquées par d&apos;autres fenêtres lui sont cachées. Vous pouvez arrêter à tout moment.</translation>
    </message>
    <message>
        <source>{agent} is controlling: {apps}</source>
        <translation>{agent} contrôle&#xa0;: {apps}</translation>
    </message>
    <message>
        <source>{agent} is viewing: {apps}</source>
        <translation>{agent} voit&#xa0;: {apps}</translation>
    </message>
    <message>
        <source>{agent} is sharing their application with you: {apps}</source>
        <translation>{agent} partage son application avec vous&#xa0;: {apps}</translation>
    </message>
    <message>
        <source>Sharing the application: {apps}.</source>
        <translation>Partage de l&apos;application&#xa0;: {apps}.</translation>
    </message>
    <message>
        <source>Waiting for {name} to choose an application you may control…</source>
        <translation>En attente du choix de {name}&#xa0;: l&apos;application que vous pourrez contrôler…</translation>
    </message>
    <message>
        <source>Waiting for {name} to choose an application you may see…</source>
        <translation>En attente du choix de {name}&#xa0;: l&apos;application que vous pourrez voir…</translation>
    </message>
    <message>
        <source>Waiting for {name} to accept control of your application…</source>
        <translation>En attente de l&apos;accord de {name} pour prendre le contrôle de votre application…</translation>
    </message>
    <message>
        <source>Waiting for {name} to accept seeing your application…</source>
        <translation>En attente de l&apos;accord de {name} pour voir votre application…</translation>
    </message>
    <message>
        <source>The customer refused to share an application.</source>
        <translation>Le client a refusé de partager une application.</translation>
    </message>
    <message>
        <source>Application sharing ended: the application was closed.</source>
        <translation>Partage d&apos;application terminé&#xa0;: l&apos;application a été fermée.</translation>
    </message>
    <message>
        <source>Application sharing ended: the customer stopped it.</source>
        <translation>Partage d&apos;application terminé&#xa0;: le client l&apos;a arrêté.</translation>
    </message>
    <message>
        <source>Application sharing ended: the agent stopped it.</source>
        <translation>Partage d&apos;application terminé&#xa0;: l&apos;agent l&apos;a arrêté.</translation>
    </message>
    <message>
        <source>Application sharing ended: the connection was lost.</source>
        <translation>Partage d&apos;application terminé&#xa0;: la connexion a été perdue.</translation>
    </message>
    <message>
        <source>Application sharing ended.</source>
        <translation>Partage d&apos;application terminé.</translation>
    </message>
    <message>
        <source>Application: {apps}</source>
        <translation>Application&#xa0;: {apps}</translation>
    </message>
    <message>
        <source>Controlling the shared application: {apps}</source>
        <translation>Vous contrôlez l&apos;application partagée&#xa0;: {apps}</translation>
    </message>
    <message>
        <source>Viewing the shared application: {apps}</source>
        <translation>Vous voyez l&apos;application partagée&#xa0;: {apps}</translation>
    </message>
    <message>
        <source>Controlling {name}&apos;s applications: {apps}</source>
        <translation>Vous contrôlez les applications partagées par {name}&#xa0;: {apps}</translation>
    </message>
    <message>
        <source>Viewing {name}&apos;s applications: {apps}</source>
        <translation>Vous voyez les applications partagées par {name}&#xa0;: {apps}</translation>
    </message>
    <message>
        <source>Controlling {name}&apos;s application: {apps}</source>
        <translation>Vous contrôlez l&apos;application partagée par {name}&#xa0;: {apps}</translation>
    </message>
    <message>
        <source>Viewing {name}&apos;s application: {apps}</source>
        <translation>Vous voyez l&apos;application partagée par {name}&#xa0;: {apps}</translation>
    </message>
    <message>
        <source>Waiting for the application&apos;s picture…</source>
        <translation>En attente de l&apos;image de l&apos;application…</translation>
    </message>
    <message>
        <source>Application sharing</source>
        <translation>Partage d&apos;application</translation>
    </message>
    <message>
        <source>Stop sharing now</source>
        <translation>Arrêter le partage maintenant</translation>
    </message>
    <message>
        <source>&amp;Add an application…</source>
        <translation>&amp;Ajouter une application…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Share an application</source>
        <translation>Partager une application</translation>
    </message>
    <message>
        <source>Which application do you add to the share?</source>
        <translation>Quelle application ajoutez-vous au partage&#xa0;?</translation>
    </message>
    <message>
        <source>Which of your applications do you show the customer?</source>
        <translation>Laquelle de vos applications montrez-vous au client&#xa0;?</translation>
    </message>
    <message>
        <source>Which application may {agent} see and control?</source>
        <translation>Quelle application autorisez-vous {agent} à voir et à contrôler&#xa0;?</translation>
    </message>
    <message>
        <source>Which application may {agent} see?</source>
        <translation>Quelle application autorisez-vous {agent} à voir&#xa0;?</translation>
    </message>
    <message>
        <source>Open applications</source>
        <translation>Applications ouvertes</translation>
    </message>
    <message>
        <source>New application…</source>
        <translation>Nouvelle application…</translation>
    </message>
    <message>
        <source>Start an installed application</source>
        <translation>Démarrer une application installée</translation>
    </message>
    <message>
        <source>1 window</source>
        <translation>1 fenêtre</translation>
    </message>
    <message>
        <source>{count} windows</source>
        <translation>{count} fenêtres</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>&amp;Partager</translation>
    </message>
    <message>
        <source>No application has a window open.</source>
        <translation>Aucune application n&apos;a de fenêtre ouverte.</translation>
    </message>
</context>
<context>
    <name>AreaViewer</name>
    <message>
        <source>Stop sharing</source>
        <translation>Arrêter le partage</translation>
    </message>
    <message>
        <source>Stop this sharing for both sides</source>
        <translation>Arrêter ce partage des deux côtés</translation>
    </message>
</context>
<context>
    <name>CertificateChangeQuestion</name>
    <message>
        <source>Certificate changed</source>
        <translation>Certificat changé</translation>
    </message>
    <message>
        <source>The support center&apos;s certificate has changed.</source>
        <translation>Le certificat du centre d&apos;assistance a changé.</translation>
    </message>
    <message>
        <source>The join link gives another certificate for {url} than the one this computer trusts. This can mean that someone is intercepting the connection. Trust the new certificate only if your agent or your IT department told you it changed.</source>
        <translation>Le lien d&apos;accès donne pour {url} un autre certificat que celui auquel cet ordinateur fait confiance. Cela peut vouloir dire que quelqu&apos;un intercepte la connexion. Ne faites confiance au nouveau certificat que si votre agent ou votre service informatique vous a dit qu&apos;il a changé.</translation>
    </message>
    <message>
        <source>&amp;Keep the old certificate</source>
        <translation>&amp;Garder l&apos;ancien certificat</translation>
    </message>
    <message>
        <source>&amp;Trust the new certificate</source>
        <translation>&amp;Faire confiance au nouveau certificat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <source>Chat is not available in this session.</source>
        <translation>La discussion n&apos;est pas disponible dans cette session.</translation>
    </message>
    <message>
        <source>No customer is connected.</source>
        <translation>Aucun client n&apos;est connecté.</translation>
    </message>
    <message>
        <source>Message sent.</source>
        <translation>Message envoyé.</translation>
    </message>
    <message>
        <source>The session is over; the message was not sent.</source>
        <translation>La session est terminée&#xa0;; le message n&apos;a pas été envoyé.</translation>
    </message>
</context>
<context>
    <name>ChatAlerts</name>
    <message>
        <source>{name} wrote — Tandem</source>
        <translation>{name} a écrit — Tandem</translation>
    </message>
</context>
<context>
    <name>ChatHistory</name>
    <message>
        <source>Chat of this session</source>
        <translation>Chat de cette session</translation>
    </message>
    <message>
        <source>Save chat…</source>
        <translation>Enregistrer le chat…</translation>
    </message>
    <message>
        <source>Tandem chat {date}.txt</source>
        <translation>Chat Tandem {date}.txt</translation>
    </message>
    <message>
        <source>Save chat</source>
        <translation>Enregistrer le chat</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Fichiers texte (*.txt)</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>Regarder dans&#xa0;:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Type de fichier&#xa0;:</translation>
    </message>
    <message>
        <source>The chat could not be saved: {reason}</source>
        <translation>Le chat n&apos;a pas pu être enregistré&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Chat saved in {path}</source>
        <translation>Chat enregistré dans {path}</translation>
    </message>
</context>
<context>
    <name>ChatNotice</name>
    <message>
        <source>Click to dismiss; the whole message is in the chat</source>
        <translation>Cliquez pour fermer&#xa0;; le message entier est dans le chat</translation>
    </message>
    <message>
        <source>New chat message</source>
        <translation>Nouveau message dans le chat</translation>
    </message>
    <message>
        <source>{name} wrote in the chat:</source>
        <translation>{name} a écrit dans le chat&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Chat messages</source>
        <translation>Messages du chat</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Type a message</source>
        <translation>Tapez un message</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Send to:</source>
        <translation>Destinataire&#xa0;:</translation>
    </message>
    <message>
        <source>All participants</source>
        <translation>Tous les participants</translation>
    </message>
    <message>
        <source>{who}:</source>
        <translation>{who}&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ChatPart</name>
    <message>
        <source>you</source>
        <translation>vous</translation>
    </message>
</context>
<context>
    <name>ClientWindow</name>
    <message>
        <source>Tandem — Get help</source>
        <translation>Tandem — Obtenir de l&apos;aide</translation>
    </message>
    <message>
        <source>only if your agent gave you one</source>
        <translation>si votre agent vous en a donné un</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Rejoindre</translation>
    </message>
    <message>
        <source>Session number:</source>
        <translation>Numéro de session&#xa0;:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Votre nom&#xa0;:</translation>
    </message>
    <message>
        <source>Session password:</source>
        <translation>Mot de passe de session&#xa0;:</translation>
    </message>
    <message>
        <source>Get help from a support agent</source>
        <translation>Obtenir l&apos;aide d&apos;un agent d&apos;assistance</translation>
    </message>
    <message>
        <source>Enter the session number your agent gave you.</source>
        <translation>Saisissez le numéro de session que votre agent vous a communiqué.</translation>
    </message>
    <message>
        <source>Connecting to your agent…</source>
        <translation>Connexion à votre agent…</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Be asked again before each of these</source>
        <translation>Être de nouveau consulté avant chacune de ces actions</translation>
    </message>
    <message>
        <source>Leave session</source>
        <translation>Quitter la session</translation>
    </message>
    <message>
        <source>Join another session</source>
        <translation>Rejoindre une autre session</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Support center: {url}</source>
        <translation>Centre d&apos;assistance&#xa0;: {url}</translation>
    </message>
    <message>
        <source>No support center is set up: open the join link your agent sent.</source>
        <translation>Aucun centre d&apos;assistance n&apos;est configuré&#xa0;: ouvrez le lien d&apos;accès envoyé par votre agent.</translation>
    </message>
    <message>
        <source>This join link is damaged, so it cannot be used.</source>
        <translation>Ce lien d&apos;accès est endommagé et ne peut pas servir.</translation>
    </message>
    <message>
        <source>Ask your agent to send it again, or type the session number they give you.</source>
        <translation>Demandez à votre agent de vous le renvoyer, ou saisissez le numéro de session qu&apos;il vous donne.</translation>
    </message>
    <message>
        <source>Ask your agent to send it again.</source>
        <translation>Demandez à votre agent de vous le renvoyer.</translation>
    </message>
    <message>
        <source>This join link does not match the support center your IT department set up on this computer, so it was not used. Ask your agent for a new link, or contact your IT department.</source>
        <translation>Ce lien d&apos;accès ne correspond pas au centre d&apos;assistance que votre service informatique a configuré sur cet ordinateur&#xa0;: il n&apos;a donc pas été utilisé. Demandez un nouveau lien à votre agent, ou contactez votre service informatique.</translation>
    </message>
    <message>
        <source>The join link was not used.</source>
        <translation>Le lien d&apos;accès n&apos;a pas été utilisé.</translation>
    </message>
    <message>
        <source>A session number has nine digits.</source>
        <translation>Un numéro de session comporte neuf chiffres.</translation>
    </message>
    <message>
        <source>Enter your name so your agent knows who you are.</source>
        <translation>Indiquez votre nom pour que votre agent sache qui vous êtes.</translation>
    </message>
    <message>
        <source>Your name must be one line of ordinary text, without control characters.</source>
        <translation>Votre nom doit tenir sur une seule ligne de texte ordinaire, sans caractère de contrôle.</translation>
    </message>
    <message>
        <source>This computer does not know your support center yet: open the join link your agent sent.</source>
        <translation>Cet ordinateur ne connaît pas encore votre centre d&apos;assistance&#xa0;: ouvrez le lien d&apos;accès envoyé par votre agent.</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Your computer restarted: rejoining your session…</source>
        <translation>Votre ordinateur a redémarré&#xa0;: retour à votre session…</translation>
    </message>
    <message>
        <source>Your computer restarted, but the session could not be rejoined by itself: ask your agent for the session number.</source>
        <translation>Votre ordinateur a redémarré, mais la session n&apos;a pas pu être rejointe automatiquement&#xa0;: demandez le numéro de session à votre agent.</translation>
    </message>
    <message>
        <source>{names} is helping you.</source>
        <translation>{names} vous aide.</translation>
    </message>
    <message>
        <source>Waiting for your agent…</source>
        <translation>En attente de votre agent…</translation>
    </message>
    <message>
        <source>Leave this session? Your agent will no longer be able to help you in it.</source>
        <translation>Quitter cette session&#xa0;? Votre agent ne pourra plus vous y aider.</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>{agent} is ready to help you: enter your name, then press Join.</source>
        <translation>{agent} va vous aider&#xa0;: saisissez votre nom, puis cliquez sur Rejoindre.</translation>
    </message>
    <message>
        <source>You left the queue.</source>
        <translation>Vous avez quitté la file d&apos;attente.</translation>
    </message>
    <message>
        <source>Thank you for your answers.</source>
        <translation>Merci pour vos réponses.</translation>
    </message>
</context>
<context>
    <name>Cobrowse</name>
    <message>
        <source>{agent} asks to control your window “{title}”</source>
        <translation>{agent} demande à contrôler votre fenêtre «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>{agent} asks to see your window “{title}”</source>
        <translation>{agent} demande à voir votre fenêtre «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>They will see this window only, not the rest of your screen, and use your mouse and keyboard in it only. Parts of it other windows cover are hidden from them. Move your own mouse to take back control at once; you can stop at any time.</source>
        <translation>Il verra cette fenêtre seulement, pas le reste de votre écran, et utilisera votre souris et votre clavier dans cette fenêtre seulement. Les parties que d&apos;autres fenêtres recouvrent lui sont masquées. Bougez votre souris pour reprendre la main aussitôt&#xa0;; vous pouvez arrêter à tout moment.</translation>
    </message>
    <message>
        <source>They will see this window only, not the rest of your screen, and cannot use your mouse or keyboard. Parts of it other windows cover are hidden from them. You can stop at any time.</source>
        <translation>Il verra cette fenêtre seulement, pas le reste de votre écran, et ne pourra pas utiliser votre souris ni votre clavier. Les parties que d&apos;autres fenêtres recouvrent lui sont masquées. Vous pouvez arrêter à tout moment.</translation>
    </message>
    <message>
        <source>{agent} is controlling your window “{title}”</source>
        <translation>{agent} contrôle votre fenêtre «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>{agent} is viewing your window “{title}”</source>
        <translation>{agent} voit votre fenêtre «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>Co-browsing “{title}”.</source>
        <translation>Co-navigation de «&#xa0;{title}&#xa0;».</translation>
    </message>
    <message>
        <source>The customer has no launching window to share (it is closed or unknown): ask to view their desktop instead.</source>
        <translation>Le client n&apos;a pas de fenêtre de lancement à partager (elle est fermée ou inconnue)&#xa0;: demandez plutôt à voir son bureau.</translation>
    </message>
    <message>
        <source>The customer refused co-browsing.</source>
        <translation>Le client a refusé la co-navigation.</translation>
    </message>
    <message>
        <source>Co-browsing ended: the customer closed the window. You may ask to view their desktop instead.</source>
        <translation>Co-navigation terminée&#xa0;: le client a fermé la fenêtre. Vous pouvez demander à voir son bureau à la place.</translation>
    </message>
    <message>
        <source>Co-browsing ended: the shared window was closed.</source>
        <translation>Co-navigation terminée&#xa0;: la fenêtre partagée a été fermée.</translation>
    </message>
    <message>
        <source>Co-browsing ended: the customer stopped it.</source>
        <translation>Co-navigation terminée&#xa0;: le client l&apos;a arrêtée.</translation>
    </message>
    <message>
        <source>Co-browsing ended: the agent stopped it.</source>
        <translation>Co-navigation terminée&#xa0;: l&apos;agent l&apos;a arrêtée.</translation>
    </message>
    <message>
        <source>Co-browsing ended: the connection was lost.</source>
        <translation>Co-navigation terminée&#xa0;: la connexion a été perdue.</translation>
    </message>
    <message>
        <source>Co-browsing ended.</source>
        <translation>Co-navigation terminée.</translation>
    </message>
    <message>
        <source>Co-browsing “{title}”</source>
        <translation>Co-navigation de «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>Controlling the shared window “{title}”</source>
        <translation>Vous contrôlez la fenêtre partagée «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>Viewing the shared window “{title}”</source>
        <translation>Vous voyez la fenêtre partagée «&#xa0;{title}&#xa0;»</translation>
    </message>
    <message>
        <source>Controlling {name}&apos;s window “{title}”</source>
        <translation>Vous contrôlez la fenêtre «&#xa0;{title}&#xa0;» partagée par {name}</translation>
    </message>
    <message>
        <source>Viewing {name}&apos;s window “{title}”</source>
        <translation>Vous voyez la fenêtre «&#xa0;{title}&#xa0;» partagée par {name}</translation>
    </message>
    <message>
        <source>Waiting for the window&apos;s picture…</source>
        <translation>En attente de l&apos;image de la fenêtre…</translation>
    </message>
    <message>
        <source>Co-browsing</source>
        <translation>Co-navigation</translation>
    </message>
    <message>
        <source>Stop sharing this window now</source>
        <translation>Arrêter maintenant le partage de cette fenêtre</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>A file with that name exists</source>
        <translation>Un fichier de ce nom existe déjà</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}.</source>
        <translation>{name} existe déjà dans {folder}.</translation>
    </message>
    <message>
        <source>What should be done with the file that arrives?</source>
        <translation>Que faire du fichier qui arrive&#xa0;?</translation>
    </message>
    <message>
        <source>Do the same for the other files of this transfer</source>
        <translation>Faire de même pour les autres fichiers de ce transfert</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Garder les deux</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Ignorer</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Tandem — your permission</source>
        <translation>Tandem — votre autorisation</translation>
    </message>
    <message>
        <source>Allow everything in this session without asking again</source>
        <translation>Tout autoriser dans cette session sans redemander</translation>
    </message>
    <message>
        <source>Also let them take over my screen, mouse and keyboard without asking</source>
        <translation>Les laisser aussi prendre la main sur mon écran, ma souris et mon clavier sans me le demander</translation>
    </message>
    <message>
        <source>&amp;Allow</source>
        <translation>&amp;Autoriser</translation>
    </message>
    <message>
        <source>&amp;Refuse</source>
        <translation>&amp;Refuser</translation>
    </message>
</context>
<context>
    <name>ConsoleActions</name>
    <message>
        <source>Preferences…</source>
        <translation>Préférences…</translation>
    </message>
    <message>
        <source>Choose the console&apos;s layout, tab order, how viewers open and the language</source>
        <translation>Choisir la présentation de la console, l&apos;ordre des onglets, l&apos;ouverture des fenêtres de partage et la langue</translation>
    </message>
    <message>
        <source>Show the dashboard: every tool in tabs, the session and chat</source>
        <translation>Afficher le tableau de bord&#xa0;: tous les outils en onglets, la session et le chat</translation>
    </message>
    <message>
        <source>Show a small bar of icons that stays on top of other windows</source>
        <translation>Afficher une petite barre d&apos;icônes qui reste au-dessus des autres fenêtres</translation>
    </message>
    <message>
        <source>Show one tab per customer session, to help several at once</source>
        <translation>Afficher un onglet par session client, pour aider plusieurs clients à la fois</translation>
    </message>
    <message>
        <source>Your open sessions…</source>
        <translation>Vos sessions ouvertes…</translation>
    </message>
    <message>
        <source>Resume or end your sessions left open at the support center</source>
        <translation>Reprendre ou terminer vos sessions restées ouvertes au centre d&apos;assistance</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Sign out and go back to the sign-in screen (asks first about sessions with customers connected)</source>
        <translation>Se déconnecter et revenir à l&apos;écran de connexion (demande d&apos;abord quoi faire des sessions où des clients sont connectés)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Close the console (asks first about sessions with customers connected)</source>
        <translation>Fermer la console (demande d&apos;abord quoi faire des sessions où des clients sont connectés)</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>Mettre fin à la session</translation>
    </message>
    <message>
        <source>End this session for everyone? The {count} customers will be disconnected.</source>
        <translation>Mettre fin à cette session pour tous&#xa0;? Les {count} clients seront déconnectés.</translation>
    </message>
    <message>
        <source>End this session for everyone? The customer will be disconnected.</source>
        <translation>Mettre fin à cette session pour tous&#xa0;? Le client sera déconnecté.</translation>
    </message>
    <message>
        <source>Leave session</source>
        <translation>Quitter la session</translation>
    </message>
    <message>
        <source>Leave this session? It goes on for the others.</source>
        <translation>Quitter cette session&#xa0;? Elle continue pour les autres.</translation>
    </message>
    <message>
        <source>Session number copied.</source>
        <translation>Numéro de session copié.</translation>
    </message>
    <message>
        <source>Join link copied.</source>
        <translation>Lien d&apos;accès copié.</translation>
    </message>
    <message>
        <source>You cannot start another session: {why}</source>
        <translation>Impossible de démarrer une autre session&#xa0;: {why}</translation>
    </message>
    <message>
        <source>Session limit</source>
        <translation>Limite de sessions</translation>
    </message>
</context>
<context>
    <name>CustomerChat</name>
    <message>
        <source>{name} wrote — Tandem</source>
        <translation>{name} a écrit — Tandem</translation>
    </message>
</context>
<context>
    <name>CustomerChoice</name>
    <message>
        <source>{gone} left; you are now helping {name}.</source>
        <translation>{gone} est parti&#xa0;; vous aidez maintenant {name}.</translation>
    </message>
    <message>
        <source>Help another customer</source>
        <translation>Aider un autre client</translation>
    </message>
    <message>
        <source>Help {name} now?

What runs with {before} will end: {what}.</source>
        <translation>Aider {name} maintenant&#xa0;?

Ce qui est en cours avec {before} prendra fin&#xa0;: {what}.</translation>
    </message>
    <message>
        <source>Help {name}</source>
        <translation>Aider {name}</translation>
    </message>
    <message>
        <source>You are now helping {name}; what ran with {before} has ended.</source>
        <translation>Vous aidez maintenant {name}&#xa0;; ce qui était en cours avec {before} est terminé.</translation>
    </message>
    <message>
        <source>You are now helping {name}.</source>
        <translation>Vous aidez maintenant {name}.</translation>
    </message>
</context>
<context>
    <name>CustomerNote</name>
    <message>
        <source>What the customer told before the session</source>
        <translation>Ce que le client a dit avant la session</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Tandem Console</source>
        <translation>Console Tandem</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Outils</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Bureau</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
    <message>
        <source>&amp;Console</source>
        <translation>&amp;Console</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>No customer connected</source>
        <translation>Aucun client connecté</translation>
    </message>
    <message>
        <source>Signed in as {name}</source>
        <translation>Connecté en tant que {name}</translation>
    </message>
    <message>
        <source>Tandem Console — {name}</source>
        <translation>Console Tandem — {name}</translation>
    </message>
    <message>
        <source>{title} — assisting {primary}</source>
        <translation>{title} — assiste {primary}</translation>
    </message>
    <message>
        <source>{title} — helping {customer}</source>
        <translation>{title} — vous aidez {customer}</translation>
    </message>
    <message>
        <source>{n} customers are connected; you are helping {name}. Click another in Participants to help them.</source>
        <translation>{n} clients sont connectés&#xa0;; vous aidez {name}. Cliquez sur un autre dans les participants pour l&apos;aider.</translation>
    </message>
    <message>
        <source>Your customer is connected.</source>
        <translation>Votre client est connecté.</translation>
    </message>
    <message>
        <source>Customer you are helping</source>
        <translation>Client que vous aidez</translation>
    </message>
    <message>
        <source>Could not start a session: {reason}</source>
        <translation>Impossible de démarrer une session&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>{name}
{computer} — {system}</source>
        <translation>{name}
{computer} — {system}</translation>
    </message>
    <message>
        <source>Start a new session when you are ready.</source>
        <translation>Démarrez une nouvelle session quand vous le souhaitez.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
</context>
<context>
    <name>DesktopSharing</name>
    <message>
        <source>No customer is connected.</source>
        <translation>Aucun client n&apos;est connecté.</translation>
    </message>
    <message>
        <source>Desktop sharing is not available on this computer.</source>
        <translation>Le partage de bureau n&apos;est pas disponible sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Asked {name} to let you see their screen.</source>
        <translation>Demande envoyée à {name} pour voir son écran.</translation>
    </message>
    <message>
        <source>the view of their screen</source>
        <translation>la vue de son écran</translation>
    </message>
    <message>
        <source>the control of their screen</source>
        <translation>le contrôle de son écran</translation>
    </message>
    <message>
        <source>your screen shown to them</source>
        <translation>votre écran qui lui est montré</translation>
    </message>
    <message>
        <source>their control of your screen</source>
        <translation>son contrôle de votre écran</translation>
    </message>
    <message>
        <source>Waiting for {name} to accept control…</source>
        <translation>En attente de l&apos;accord de {name} pour la prise de contrôle…</translation>
    </message>
    <message>
        <source>{name} refused control; you are still viewing their screen.</source>
        <translation>{name} a refusé la prise de contrôle&#xa0;; vous voyez toujours son écran.</translation>
    </message>
    <message>
        <source>Sharing with {name} ended: you are now helping {next}.</source>
        <translation>Le partage avec {name} est terminé&#xa0;: vous aidez maintenant {next}.</translation>
    </message>
    <message>
        <source>You cancelled your request to {name}.</source>
        <translation>Vous avez annulé votre demande à {name}.</translation>
    </message>
</context>
<context>
    <name>DesktopTab</name>
    <message>
        <source>Customer to share with</source>
        <translation>Client avec qui partager</translation>
    </message>
    <message>
        <source>The customer you are helping (the same as in the Participants list)</source>
        <translation>Le client que vous aidez (le même que dans la liste des participants)</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>&amp;Client&#xa0;:</translation>
    </message>
    <message>
        <source>No customer connected</source>
        <translation>Aucun client connecté</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>a file transfer</source>
        <translation>un transfert de fichier</translation>
    </message>
    <message>
        <source>{n} file transfers</source>
        <translation>{n} transferts de fichiers</translation>
    </message>
    <message>
        <source>{name}: stopped, you are now helping {next}.</source>
        <translation>{name}&#xa0;: arrêté, vous aidez maintenant {next}.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>&amp;Send files…</source>
        <translation>&amp;Envoyer des fichiers…</translation>
    </message>
    <message>
        <source>Send files of yours to the customer</source>
        <translation>Envoyer de vos fichiers au client</translation>
    </message>
    <message>
        <source>&amp;Fetch a file…</source>
        <translation>&amp;Récupérer un fichier…</translation>
    </message>
    <message>
        <source>Copy a file of the customer&apos;s to you</source>
        <translation>Copier chez vous un fichier du client</translation>
    </message>
    <message>
        <source>&amp;Abort transfer</source>
        <translation>&amp;Abandonner le transfert</translation>
    </message>
    <message>
        <source>Stop the selected transfer</source>
        <translation>Arrêter le transfert sélectionné</translation>
    </message>
    <message>
        <source>Send files to the customer</source>
        <translation>Envoyer des fichiers au client</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>Regarder dans&#xa0;:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Fichiers de type&#xa0;:</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>File transfer — Tandem</source>
        <translation>Transfert de fichiers — Tandem</translation>
    </message>
    <message>
        <source>{agent} wants to see the folders and files on your computer</source>
        <translation>{agent} veut voir les dossiers et fichiers de votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to send you files</source>
        <translation>{agent} veut vous envoyer des fichiers</translation>
    </message>
    <message>
        <source>{agent} wants to copy files from your computer</source>
        <translation>{agent} veut copier des fichiers de votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to create a folder on your computer</source>
        <translation>{agent} veut créer un dossier sur votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to rename a file or folder on your computer</source>
        <translation>{agent} veut renommer un fichier ou un dossier sur votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to delete a file or folder on your computer</source>
        <translation>{agent} veut supprimer un fichier ou un dossier sur votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to delete a folder and everything in it on your computer</source>
        <translation>{agent} veut supprimer un dossier et tout son contenu sur votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to create the folder {name} on your computer</source>
        <translation>{agent} veut créer le dossier {name} sur votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to rename {name} to {new} on your computer</source>
        <translation>{agent} veut renommer {name} en {new} sur votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to delete the folder {name} and everything in it</source>
        <translation>{agent} veut supprimer le dossier {name} et tout son contenu</translation>
    </message>
    <message>
        <source>{agent} wants to delete {name} on your computer</source>
        <translation>{agent} veut supprimer {name} de votre ordinateur</translation>
    </message>
    <message>
        <source>In {folder}.</source>
        <translation>Dans {folder}.</translation>
    </message>
    <message>
        <source>It does not go to the trash: it cannot be undone.</source>
        <translation>Cela ne passe pas par la corbeille&#xa0;: c&apos;est définitif.</translation>
    </message>
    <message>
        <source>{agent} wants to send you the folder {name} ({files}, {size})</source>
        <translation>{agent} veut vous envoyer le dossier {name} ({files}, {size})</translation>
    </message>
    <message>
        <source>{agent} wants to send you {files} ({size}): {names}</source>
        <translation>{agent} veut vous envoyer {files} ({size})&#xa0;: {names}</translation>
    </message>
    <message>
        <source>They are saved in {folder}. You can stop them while they are copied.</source>
        <translation>Ils sont enregistrés dans {folder}. Vous pouvez les arrêter pendant la copie.</translation>
    </message>
    <message>
        <source>{agent} wants to copy {name} from your computer ({size})</source>
        <translation>{agent} veut copier {name} de votre ordinateur ({size})</translation>
    </message>
    <message>
        <source>{agent} wants to copy {name} from your computer ({files}, {size})</source>
        <translation>{agent} veut copier {name} de votre ordinateur ({files}, {size})</translation>
    </message>
    <message>
        <source>{agent} wants to copy {count} items from your computer: {names}</source>
        <translation>{agent} veut copier {count} éléments de votre ordinateur&#xa0;: {names}</translation>
    </message>
    <message>
        <source>{agent} wants to copy {count} items from your computer ({files}, {size}): {names}</source>
        <translation>{agent} veut copier {count} éléments de votre ordinateur ({files}, {size})&#xa0;: {names}</translation>
    </message>
    <message>
        <source>Folders are copied with everything in them. You can stop it while it is copied.</source>
        <translation>Les dossiers sont copiés avec tout leur contenu. Vous pouvez arrêter la copie en cours.</translation>
    </message>
    <message>
        <source>In {folder}. You can stop it while it is copied.</source>
        <translation>Dans {folder}. Vous pouvez arrêter la copie en cours.</translation>
    </message>
    <message>
        <source>In {folder}. Folders are copied with everything in them. You can stop it while it is copied.</source>
        <translation>Dans {folder}. Les dossiers sont copiés avec tout leur contenu. Vous pouvez arrêter la copie en cours.</translation>
    </message>
    <message>
        <source>{agent} wants to send you a file</source>
        <translation>{agent} veut vous envoyer un fichier</translation>
    </message>
    <message>
        <source>{agent} wants to send you {name} ({size})</source>
        <translation>{agent} veut vous envoyer {name} ({size})</translation>
    </message>
    <message>
        <source>It is saved in {folder}. You can stop it while it is copied.</source>
        <translation>Il est enregistré dans {folder}. Vous pouvez l&apos;arrêter pendant la copie.</translation>
    </message>
    <message>
        <source>{agent} wants to copy a file from your computer</source>
        <translation>{agent} veut copier un fichier de votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to copy {name} from your computer</source>
        <translation>{agent} veut copier {name} de votre ordinateur</translation>
    </message>
    <message>
        <source>{path} is copied to their computer. You can stop it while it is copied.</source>
        <translation>{path} est copié sur son ordinateur. Vous pouvez l&apos;arrêter pendant la copie.</translation>
    </message>
    <message>
        <source>Files being copied — Tandem</source>
        <translation>Fichiers en cours de copie — Tandem</translation>
    </message>
    <message>
        <source>Your agent is copying these files:</source>
        <translation>Votre agent copie ces fichiers&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Stop copying these files now</source>
        <translation>Arrêter maintenant la copie de ces fichiers</translation>
    </message>
    <message>
        <source>{agent} is copying these files:</source>
        <translation>{agent} copie ces fichiers&#xa0;:</translation>
    </message>
    <message>
        <source>Fetch a file</source>
        <translation>Récupérer un fichier</translation>
    </message>
    <message>
        <source>Path of the file on the customer&apos;s computer:</source>
        <translation>Chemin du fichier sur l&apos;ordinateur du client&#xa0;:</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>No customer is connected to send files to.</source>
        <translation>Aucun client n&apos;est connecté pour lui envoyer des fichiers.</translation>
    </message>
    <message>
        <source>{path}: type the file&apos;s full path on the customer&apos;s computer, from / or from a drive such as C:\.</source>
        <translation>{path}&#xa0;: tapez le chemin complet du fichier sur l&apos;ordinateur du client, depuis / ou depuis un lecteur comme C:\.</translation>
    </message>
    <message>
        <source>No customer is connected to fetch files from.</source>
        <translation>Aucun client n&apos;est connecté pour lui demander des fichiers.</translation>
    </message>
    <message>
        <source>it is over the limit of {limit} per file</source>
        <translation>il dépasse la limite de {limit} par fichier</translation>
    </message>
    <message>
        <source>it is not a file</source>
        <translation>ce n&apos;est pas un fichier</translation>
    </message>
    <message>
        <source>its name cannot be used on another computer</source>
        <translation>son nom n&apos;est pas utilisable sur un autre ordinateur</translation>
    </message>
    <message>
        <source>{name}: {why}.</source>
        <translation>{name}&#xa0;: {why}.</translation>
    </message>
    <message>
        <source>{time} — {what}</source>
        <translation>{time}&#xa0;— {what}</translation>
    </message>
    <message>
        <source>{name} copied to {who}&apos;s computer.</source>
        <translation>{name} copié sur l&apos;ordinateur de {who}.</translation>
    </message>
    <message>
        <source>{name}: {n} files copied to {who}&apos;s computer.</source>
        <translation>{name}&#xa0;: {n} fichiers copiés sur l&apos;ordinateur de {who}.</translation>
    </message>
    <message>
        <source>{name} received in {folder}.</source>
        <translation>{name} reçu dans {folder}.</translation>
    </message>
    <message>
        <source>{name}: you stopped the transfer.</source>
        <translation>{name}&#xa0;: vous avez arrêté le transfert.</translation>
    </message>
    <message>
        <source>{name}: {who} stopped the transfer.</source>
        <translation>{name}&#xa0;: {who} a arrêté le transfert.</translation>
    </message>
    <message>
        <source>{name} was skipped: a file of that name is there.</source>
        <translation>{name} a été ignoré&#xa0;: un fichier de ce nom s&apos;y trouve déjà.</translation>
    </message>
    <message>
        <source>{name} was not transferred: {why}</source>
        <translation>{name} n&apos;a pas été transféré&#xa0;: {why}</translation>
    </message>
    <message>
        <source>Waiting for permission…</source>
        <translation>En attente d&apos;autorisation…</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Réception</translation>
    </message>
    <message>
        <source>Interrupted: waiting for the connection</source>
        <translation>Interrompu&#xa0;: en attente de la connexion</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Skipped: a file of that name is there</source>
        <translation>Ignoré&#xa0;: un fichier de ce nom s&apos;y trouve déjà</translation>
    </message>
    <message>
        <source>Failed: {why}</source>
        <translation>Échec&#xa0;: {why}</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>«&#xa0;{name}&#xa0;»</translation>
    </message>
    <message>
        <source>{n} B</source>
        <translation>{n} o</translation>
    </message>
    <message>
        <source>{n} KB</source>
        <translation>{n} ko</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} Mo</translation>
    </message>
    <message>
        <source>{n} GB</source>
        <translation>{n} Go</translation>
    </message>
    <message>
        <source>no files</source>
        <translation>aucun fichier</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation>1 fichier</translation>
    </message>
    <message>
        <source>{n} files</source>
        <translation>{n} fichiers</translation>
    </message>
    <message>
        <source>%p%</source>
        <comment>a progress bar: %p is the percentage</comment>
        <translation>%p&#xa0;%</translation>
    </message>
    <message>
        <source>1 file copied to {who}&apos;s computer.</source>
        <translation>1 fichier copié sur l&apos;ordinateur de {who}.</translation>
    </message>
    <message>
        <source>{n} files copied to {who}&apos;s computer.</source>
        <translation>{n} fichiers copiés sur l&apos;ordinateur de {who}.</translation>
    </message>
    <message>
        <source>1 file received in {folder}.</source>
        <translation>1 fichier reçu dans {folder}.</translation>
    </message>
    <message>
        <source>{n} files received in {folder}.</source>
        <translation>{n} fichiers reçus dans {folder}.</translation>
    </message>
    <message>
        <source>{name}: {n} files received in {folder}.</source>
        <translation>{name}&#xa0;: {n} fichiers reçus dans {folder}.</translation>
    </message>
    <message>
        <source>Your agent</source>
        <translation>Votre agent</translation>
    </message>
    <message>
        <source>{agent} withdrew the request to send you {name}.</source>
        <translation>{agent} a retiré sa demande de vous envoyer {name}.</translation>
    </message>
    <message>
        <source>{agent} withdrew the request to send you files.</source>
        <translation>{agent} a retiré sa demande de vous envoyer des fichiers.</translation>
    </message>
    <message>
        <source>{agent} withdrew the request to copy {name} from your computer.</source>
        <translation>{agent} a retiré sa demande de copier {name} depuis votre ordinateur.</translation>
    </message>
    <message>
        <source>{agent} withdrew the request to copy files from your computer.</source>
        <translation>{agent} a retiré sa demande de copier des fichiers depuis votre ordinateur.</translation>
    </message>
    <message>
        <source>no file copied</source>
        <translation>aucun fichier copié</translation>
    </message>
    <message>
        <source>1 file copied</source>
        <translation>1 fichier copié</translation>
    </message>
    <message>
        <source>{n} files copied</source>
        <translation>{n} fichiers copiés</translation>
    </message>
    <message>
        <source>1 file not copied</source>
        <translation>1 fichier non copié</translation>
    </message>
    <message>
        <source>{n} files not copied</source>
        <translation>{n} fichiers non copiés</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>le disque est plein</translation>
    </message>
    <message>
        <source>the system does not allow it (permissions or a read-only disk)</source>
        <translation>le système ne le permet pas (droits d&apos;accès ou disque en lecture seule)</translation>
    </message>
    <message>
        <source>a link is on the way, and links are not followed</source>
        <translation>un lien se trouve sur le chemin, et les liens ne sont pas suivis</translation>
    </message>
    <message>
        <source>something of that name is in the way</source>
        <translation>un élément de ce nom est déjà là</translation>
    </message>
    <message>
        <source>the folder it goes to no longer exists</source>
        <translation>le dossier de destination n&apos;existe plus</translation>
    </message>
    <message>
        <source>the disk refused</source>
        <translation>le disque a refusé</translation>
    </message>
    <message>
        <source>The customer refused.</source>
        <translation>Le client a refusé.</translation>
    </message>
    <message>
        <source>Refused.</source>
        <translation>Refusé.</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>La connexion a été perdue.</translation>
    </message>
    <message>
        <source>The connection did not come back.</source>
        <translation>La connexion n&apos;est pas revenue.</translation>
    </message>
    <message>
        <source>The session ended.</source>
        <translation>La session est terminée.</translation>
    </message>
    <message>
        <source>Too many chunks arrived damaged.</source>
        <translation>Trop de blocs sont arrivés endommagés.</translation>
    </message>
    <message>
        <source>The files arrived damaged.</source>
        <translation>Les fichiers sont arrivés endommagés.</translation>
    </message>
    <message>
        <source>The file arrived damaged (its SHA-256 differs).</source>
        <translation>Le fichier est arrivé endommagé (son SHA-256 diffère).</translation>
    </message>
    <message>
        <source>The file arrived different from what was sent.</source>
        <translation>Le fichier est arrivé différent de ce qui a été envoyé.</translation>
    </message>
    <message>
        <source>The other side did not answer the Stop.</source>
        <translation>L&apos;autre côté n&apos;a pas répondu à l&apos;arrêt.</translation>
    </message>
    <message>
        <source>Too many files are being received at once.</source>
        <translation>Trop de fichiers sont reçus en même temps.</translation>
    </message>
    <message>
        <source>The file cannot be written: </source>
        <translation>Le fichier ne peut pas être écrit&#xa0;: </translation>
    </message>
    <message>
        <source>The file cannot be read: </source>
        <translation>Le fichier ne peut pas être lu&#xa0;: </translation>
    </message>
    <message>
        <source>The files cannot be read: </source>
        <translation>Les fichiers ne peuvent pas être lus&#xa0;: </translation>
    </message>
    <message>
        <source>The folder cannot be written: </source>
        <translation>Le dossier ne peut pas être écrit&#xa0;: </translation>
    </message>
    <message>
        <source>The folder cannot be read: </source>
        <translation>Le dossier ne peut pas être lu&#xa0;: </translation>
    </message>
    <message>
        <source>Not done: </source>
        <translation>Non fait&#xa0;: </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <source>Progress of {name}</source>
        <translation>Progression de {name}</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Your files</source>
        <translation>Vos fichiers</translation>
    </message>
    <message>
        <source>Delete from the customer&apos;s computer?</source>
        <translation>Supprimer de l&apos;ordinateur du client&#xa0;?</translation>
    </message>
    <message>
        <source>Folders are deleted with everything in them. Nothing goes to the trash: it cannot be undone.</source>
        <translation>Les dossiers sont supprimés avec tout leur contenu. Rien ne passe par la corbeille&#xa0;: c&apos;est définitif.</translation>
    </message>
    <message>
        <source>Nothing goes to the trash: it cannot be undone.</source>
        <translation>Rien ne passe par la corbeille&#xa0;: c&apos;est définitif.</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Dossier parent</translation>
    </message>
    <message>
        <source>The customer&apos;s files</source>
        <translation>Les fichiers du client</translation>
    </message>
    <message>
        <source>Drives and folders of the customer</source>
        <translation>Lecteurs et dossiers du client</translation>
    </message>
    <message>
        <source>Folder on the customer&apos;s computer</source>
        <translation>Dossier sur l&apos;ordinateur du client</translation>
    </message>
    <message>
        <source>&amp;Browse the customer&apos;s files</source>
        <translation>&amp;Parcourir les fichiers du client</translation>
    </message>
    <message>
        <source>Send →</source>
        <translation>Envoyer →</translation>
    </message>
    <message>
        <source>← Fetch</source>
        <translation>← Récupérer</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Nouveau dossier</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Your computer</source>
        <translation>Votre ordinateur</translation>
    </message>
    <message>
        <source>{customer} stopped you seeing their files. Browse to ask them again.</source>
        <translation>{customer} ne vous laisse plus voir ses fichiers. Parcourez-les à nouveau pour le lui redemander.</translation>
    </message>
    <message>
        <source>The customer</source>
        <translation>Le client</translation>
    </message>
    <message>
        <source>Asking the customer to let you see their files…</source>
        <translation>Demande au client l&apos;autorisation de voir ses fichiers…</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>{n}&#xa0;éléments</translation>
    </message>
    <message>
        <source>Sending {what}…</source>
        <translation>Envoi de {what}…</translation>
    </message>
    <message>
        <source>Fetching {what}…</source>
        <translation>Récupération de {what}…</translation>
    </message>
    <message>
        <source>Name of the new folder:</source>
        <translation>Nom du nouveau dossier&#xa0;:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nouveau nom&#xa0;:</translation>
    </message>
    <message>
        <source>{name}: {why}</source>
        <translation>{name}&#xa0;: {why}</translation>
    </message>
    <message>
        <source>Folder {name} created.</source>
        <translation>Dossier {name} créé.</translation>
    </message>
    <message>
        <source>{name} renamed to {new}.</source>
        <translation>{name} renommé en {new}.</translation>
    </message>
    <message>
        <source>{name} deleted.</source>
        <translation>{name} supprimé.</translation>
    </message>
    <message>
        <source>No customer is connected.</source>
        <translation>Aucun client n&apos;est connecté.</translation>
    </message>
    <message>
        <source>Several files</source>
        <translation>Plusieurs fichiers</translation>
    </message>
    <message>
        <source>{what}: {who} stopped it ({copied}).</source>
        <translation>{what}&#xa0;: {who} l&apos;a arrêté ({copied}).</translation>
    </message>
    <message>
        <source>{what}: you stopped it ({copied}).</source>
        <translation>{what}&#xa0;: vous l&apos;avez arrêté ({copied}).</translation>
    </message>
    <message>
        <source>{what} was not copied.</source>
        <translation>{what} n&apos;a pas été copié.</translation>
    </message>
    <message>
        <source>{what}: {copied}, {not_copied}.</source>
        <translation>{what}&#xa0;: {copied}, {not_copied}.</translation>
    </message>
    <message>
        <source>{what}: {copied}, not the rest: {why}</source>
        <translation>{what}&#xa0;: {copied}, pas le reste&#xa0;: {why}</translation>
    </message>
    <message>
        <source>{what} was not transferred: {why}</source>
        <translation>{what} n&apos;a pas été transféré&#xa0;: {why}</translation>
    </message>
    <message>
        <source>{agent} can see the folders and files on this computer.</source>
        <translation>{agent} peut voir les dossiers et les fichiers de cet ordinateur.</translation>
    </message>
    <message>
        <source>{agents} can see the folders and files on this computer.</source>
        <translation>{agents} peuvent voir les dossiers et les fichiers de cet ordinateur.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Your agent will have to ask you again to see your folders</source>
        <translation>Votre agent devra vous redemander l&apos;accès pour voir vos dossiers</translation>
    </message>
</context>
<context>
    <name>ForwardedViewer</name>
    <message>
        <source>{customer}&apos;s desktop — viewed by {agent}</source>
        <translation>Bureau de {customer} — vu par {agent}</translation>
    </message>
    <message>
        <source>You see what {agent} sees of {customer}&apos;s screen. Only the agent in charge controls it; this window closes when their view ends.</source>
        <translation>Vous voyez ce que {agent} voit de l&apos;écran de {customer}. Seul l&apos;agent responsable le contrôle&#xa0;; cette fenêtre se ferme quand sa vue prend fin.</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>Ajuster à la fenêtre</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Taille réelle</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Plein écran</translation>
    </message>
</context>
<context>
    <name>Grip</name>
    <message>
        <source>Drag to move the bar</source>
        <translation>Faites glisser pour déplacer la barre</translation>
    </message>
    <message>
        <source>Move the icon bar</source>
        <translation>Déplacer la barre d&apos;icônes</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>The support agent&apos;s console of Tandem: open-source remote support, under the Apache-2.0 licence.</source>
        <translation>La console de l&apos;agent d&apos;assistance de Tandem&#xa0;: assistance à distance libre, sous licence Apache-2.0.</translation>
    </message>
    <message>
        <source>About {product}</source>
        <translation>À propos de {product}</translation>
    </message>
    <message>
        <source>en</source>
        <comment>The code of this language: the help shows the guide_&lt;code&gt;.md file</comment>
        <translation>fr</translation>
    </message>
    <message>
        <source>Tandem help</source>
        <translation>Aide de Tandem</translation>
    </message>
    <message>
        <source>Open the console&apos;s user guide</source>
        <translation>Ouvrir le guide d&apos;utilisation de la console</translation>
    </message>
    <message>
        <source>The console&apos;s version and licence</source>
        <translation>La version et la licence de la console</translation>
    </message>
    <message>
        <source>About Tandem Console</source>
        <translation>À propos de Tandem Console</translation>
    </message>
</context>
<context>
    <name>IconBar</name>
    <message>
        <source>Tandem Console</source>
        <translation>Console Tandem</translation>
    </message>
    <message>
        <source>Tandem icon bar</source>
        <translation>Barre d&apos;icônes Tandem</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>{group} actions</source>
        <translation>Actions&#xa0;: {group}</translation>
    </message>
    <message>
        <source>No session</source>
        <translation>Aucune session</translation>
    </message>
    <message>
        <source>{title} ({n} of {count})</source>
        <translation>{title} ({n} sur {count})</translation>
    </message>
</context>
<context>
    <name>Inbound</name>
    <message>
        <source>you are in no queue.</source>
        <translation>vous n&apos;êtes dans aucune file d&apos;attente.</translation>
    </message>
    <message>
        <source>you have {n} sessions open, the most your support center allows.</source>
        <translation>vous avez {n} sessions ouvertes, le maximum autorisé par votre centre d&apos;assistance.</translation>
    </message>
    <message>
        <source>Accept next</source>
        <translation>Accepter le suivant</translation>
    </message>
    <message>
        <source>Help the customer who has waited longest in your queues</source>
        <translation>Aider le client qui attend depuis le plus longtemps dans vos files d&apos;attente</translation>
    </message>
    <message>
        <source>Queues…</source>
        <translation>Files d&apos;attente…</translation>
    </message>
    <message>
        <source>See your queues: how many wait and for how long, and who was transferred to you</source>
        <translation>Voir vos files d&apos;attente&#xa0;: combien de clients attendent et depuis combien de temps, et qui vous a été transféré</translation>
    </message>
    <message>
        <source>Transfer session…</source>
        <translation>Transférer la session…</translation>
    </message>
    <message>
        <source>Hand the session to a queue or to other agents, with a message, and leave it</source>
        <translation>Confier la session à une file d&apos;attente ou à d&apos;autres agents, avec un message, et la quitter</translation>
    </message>
    <message>
        <source>Nobody is waiting in your queues.</source>
        <translation>Personne n&apos;attend dans vos files d&apos;attente.</translation>
    </message>
    <message>
        <source>{name}, from {agent} (waiting {wait})</source>
        <translation>{name}, de la part de {agent} (attend depuis {wait})</translation>
    </message>
    <message>
        <source>“{message}”</source>
        <translation>«&#xa0;{message}&#xa0;»</translation>
    </message>
    <message>
        <source>{agent} transferred {name} to you; they waited {wait}.</source>
        <translation>{agent} vous a transféré {name}&#xa0;; attente&#xa0;: {wait}.</translation>
    </message>
    <message>
        <source>{agent} transferred {name} to the queue {queue}; they waited {wait}.</source>
        <translation>{agent} a transféré {name} dans la file d&apos;attente {queue}&#xa0;; attente&#xa0;: {wait}.</translation>
    </message>
    <message>
        <source>{name} asked for help in the queue {queue}; waited {wait}.</source>
        <translation>{name} a demandé de l&apos;aide dans la file d&apos;attente {queue}&#xa0;; attente&#xa0;: {wait}.</translation>
    </message>
    <message>
        <source>Message from {agent}: {message}</source>
        <translation>Message de {agent}&#xa0;: {message}</translation>
    </message>
    <message>
        <source>Email: {value}</source>
        <translation>Adresse e-mail&#xa0;: {value}</translation>
    </message>
    <message>
        <source>Problem: {value}</source>
        <translation>Problème&#xa0;: {value}</translation>
    </message>
    <message>
        <source>Came from: {value}</source>
        <translation>Page d&apos;origine&#xa0;: {value}</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <source>Type the email address to send the invitation to.</source>
        <translation>Tapez l&apos;adresse électronique à laquelle envoyer l&apos;invitation.</translation>
    </message>
    <message>
        <source>An email address is one line: it cannot hold a line break.</source>
        <translation>Une adresse électronique tient sur une ligne&#xa0;: elle ne peut pas contenir de saut de ligne.</translation>
    </message>
    <message>
        <source>The email address holds an invisible or control character.</source>
        <translation>L&apos;adresse électronique contient un caractère invisible ou de contrôle.</translation>
    </message>
    <message>
        <source>An email address cannot hold spaces.</source>
        <translation>Une adresse électronique ne peut pas contenir d&apos;espaces.</translation>
    </message>
    <message>
        <source>An email address has an @ between the name and the domain, as in name@example.com.</source>
        <translation>Une adresse électronique a un @ entre le nom et le domaine, comme dans nom@exemple.fr.</translation>
    </message>
    <message>
        <source>An email address has only one @.</source>
        <translation>Une adresse électronique n&apos;a qu&apos;un seul @.</translation>
    </message>
    <message>
        <source>This email address is too long: at most {n} characters.</source>
        <translation>Cette adresse électronique est trop longue&#xa0;: {n} caractères au plus.</translation>
    </message>
    <message>
        <source>The part before the @ holds a character an email address cannot have.</source>
        <translation>La partie avant le @ contient un caractère interdit dans une adresse électronique.</translation>
    </message>
    <message>
        <source>The part after the @ is not a domain name, such as example.com.</source>
        <translation>La partie après le @ n&apos;est pas un nom de domaine, comme exemple.fr.</translation>
    </message>
    <message>
        <source>The support center cannot reach its mail server right now. Nothing is lost: send again in a moment, or open the invitation in your mail program.</source>
        <translation>Le centre d&apos;assistance ne parvient pas à joindre son serveur de messagerie pour l&apos;instant. Rien n&apos;est perdu&#xa0;: renvoyez-la dans un moment, ou ouvrez l&apos;invitation dans votre logiciel de messagerie.</translation>
    </message>
    <message>
        <source>The support center&apos;s mail server refused this address. Check it, then send again.</source>
        <translation>Le serveur de messagerie du centre d&apos;assistance a refusé cette adresse. Vérifiez-la, puis renvoyez l&apos;invitation.</translation>
    </message>
    <message>
        <source>The support center&apos;s mail server did not take the invitation (its administrator can see why in the center&apos;s log). Open it in your mail program instead.</source>
        <translation>Le serveur de messagerie du centre d&apos;assistance n&apos;a pas accepté l&apos;invitation (son administrateur en voit la raison dans le journal du centre). Ouvrez-la plutôt dans votre logiciel de messagerie.</translation>
    </message>
    <message>
        <source>Your support center has no mail server: open the invitation in your mail program.</source>
        <translation>Votre centre d&apos;assistance n&apos;a pas de serveur de messagerie&#xa0;: ouvrez l&apos;invitation dans votre logiciel de messagerie.</translation>
    </message>
    <message>
        <source>You have sent as many invitations as your support center allows for now; try again in {n} min, or open this one in your mail program.</source>
        <translation>Vous avez envoyé autant d&apos;invitations que votre centre d&apos;assistance le permet pour l&apos;instant&#xa0;; réessayez dans {n} min, ou ouvrez celle-ci dans votre logiciel de messagerie.</translation>
    </message>
    <message>
        <source>This session has ended: nobody can join it any more.</source>
        <translation>Cette session est terminée&#xa0;: plus personne ne peut la rejoindre.</translation>
    </message>
    <message>
        <source>Invite to session {number}</source>
        <translation>Inviter à la session {number}</translation>
    </message>
    <message>
        <source>Session number</source>
        <translation>Numéro de session</translation>
    </message>
    <message>
        <source>Session number, to read out on the phone</source>
        <translation>Numéro de session, à lire au téléphone</translation>
    </message>
    <message>
        <source>A &amp;customer</source>
        <translation>Un &amp;client</translation>
    </message>
    <message>
        <source>Another &amp;agent (as assistant)</source>
        <translation>Un autre &amp;agent (comme assistant)</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nom@exemple.fr</translation>
    </message>
    <message>
        <source>Invite:</source>
        <translation>Inviter&#xa0;:</translation>
    </message>
    <message>
        <source>Their &amp;language:</source>
        <translation>Sa &amp;langue&#xa0;:</translation>
    </message>
    <message>
        <source>Their &amp;email address:</source>
        <translation>Son adresse &amp;électronique&#xa0;:</translation>
    </message>
    <message>
        <source>The invitation&apos;s text</source>
        <translation>Le texte de l&apos;invitation</translation>
    </message>
    <message>
        <source>&amp;Open in my mail program</source>
        <translation>&amp;Ouvrir dans mon logiciel de messagerie</translation>
    </message>
    <message>
        <source>Copy l&amp;ink</source>
        <translation>Copier le l&amp;ien</translation>
    </message>
    <message>
        <source>Copy the join link, to paste in a chat message</source>
        <translation>Copier le lien pour rejoindre, à coller dans un message instantané</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ce qui s&apos;est passé</translation>
    </message>
    <message>
        <source>Send a&amp;gain</source>
        <translation>&amp;Renvoyer</translation>
    </message>
    <message>
        <source>&amp;Send from the support center</source>
        <translation>&amp;Envoyer depuis le centre d&apos;assistance</translation>
    </message>
    <message>
        <source>The support center mails the invitation to this address</source>
        <translation>Le centre d&apos;assistance envoie l&apos;invitation par courriel à cette adresse</translation>
    </message>
    <message>
        <source>Your support center has no mail server set up</source>
        <translation>Votre centre d&apos;assistance n&apos;a pas de serveur de messagerie configuré</translation>
    </message>
    <message>
        <source>An agent joins by the session number, from their console</source>
        <translation>Un agent rejoint la session par son numéro, depuis sa console</translation>
    </message>
    <message>
        <source>Getting the invitation from the support center…</source>
        <translation>Récupération de l&apos;invitation auprès du centre d&apos;assistance…</translation>
    </message>
    <message>
        <source>The invitation&apos;s text could not be had: {why}</source>
        <translation>Le texte de l&apos;invitation n&apos;a pas pu être obtenu&#xa0;: {why}</translation>
    </message>
    <message>
        <source>Your mail program has the invitation: check it and send it from there.</source>
        <translation>Votre logiciel de messagerie a l&apos;invitation&#xa0;: vérifiez-la et envoyez-la depuis celui-ci.</translation>
    </message>
    <message>
        <source>No mail program opened on this computer. Copy the link instead, or send the invitation from the support center.</source>
        <translation>Aucun logiciel de messagerie ne s&apos;est ouvert sur cet ordinateur. Copiez plutôt le lien, ou envoyez l&apos;invitation depuis le centre d&apos;assistance.</translation>
    </message>
    <message>
        <source>Sending the invitation to {address}…</source>
        <translation>Envoi de l&apos;invitation à {address}…</translation>
    </message>
    <message>
        <source>The support center sent the invitation to {address}.</source>
        <translation>Le centre d&apos;assistance a envoyé l&apos;invitation à {address}.</translation>
    </message>
    <message>
        <source>Join link copied: paste it in a chat message to the customer.</source>
        <translation>Lien pour rejoindre copié&#xa0;: collez-le dans un message instantané au client.</translation>
    </message>
</context>
<context>
    <name>JoinAssistDialog</name>
    <message>
        <source>Join as assistant</source>
        <translation>Rejoindre en tant qu&apos;assistant</translation>
    </message>
    <message>
        <source>Type the number of the session the agent in charge gave you. You will see what is shared and chat; you act once they hand control to you.</source>
        <translation>Tapez le numéro de session que l&apos;agent responsable vous a donné. Vous verrez ce qui est partagé et pourrez discuter&#xa0;; vous agirez quand il vous transférera le contrôle.</translation>
    </message>
    <message>
        <source>Session number</source>
        <translation>Numéro de session</translation>
    </message>
    <message>
        <source>Session number:</source>
        <translation>Numéro de session&#xa0;:</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Rejoindre</translation>
    </message>
    <message>
        <source>A session number has {n} digits, like 123 456 789.</source>
        <translation>Un numéro de session a {n} chiffres, comme 123 456 789.</translation>
    </message>
    <message>
        <source>You are already in charge of session {number}.</source>
        <translation>Vous êtes déjà responsable de la session {number}.</translation>
    </message>
    <message>
        <source>You are already in session {number}.</source>
        <translation>Vous êtes déjà dans la session {number}.</translation>
    </message>
    <message>
        <source>Could not join: {reason}</source>
        <translation>Impossible de rejoindre la session&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>KeptSessionsDialog</name>
    <message>
        <source>Your open sessions</source>
        <translation>Vos sessions ouvertes</translation>
    </message>
    <message>
        <source>These sessions of yours are still open. Resume them to help their customers again, or end them.</source>
        <translation>Ces sessions sont encore ouvertes. Reprenez-les pour aider de nouveau leurs clients, ou mettez-y fin.</translation>
    </message>
    <message>
        <source>You have no other sessions open at the support center.</source>
        <translation>Vous n&apos;avez pas d&apos;autre session ouverte au centre d&apos;assistance.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Mettre fin</translation>
    </message>
    <message>
        <source>waiting: {names}</source>
        <translation>en attente&#xa0;: {names}</translation>
    </message>
    <message>
        <source>no customer connected</source>
        <translation>aucun client connecté</translation>
    </message>
    <message>
        <source>Session {number} — {who}</source>
        <translation>Session n°&#xa0;{number} — {who}</translation>
    </message>
    <message>
        <source>Open in another console right now.</source>
        <translation>Ouverte en ce moment dans une autre console.</translation>
    </message>
    <message>
        <source>Session {number} could not be ended: {why}</source>
        <translation>Impossible de mettre fin à la session {number}&#xa0;: {why}</translation>
    </message>
</context>
<context>
    <name>Leaving</name>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>You have a session with a customer connected.</source>
        <translation>Vous avez une session avec un client connecté.</translation>
    </message>
    <message>
        <source>You have {n} sessions with customers connected.</source>
        <translation>Vous avez {n} sessions avec des clients connectés.</translation>
    </message>
    <message>
        <source>End them now, or keep them: your customers are told you left and may come back, and their sessions stay open for {minutes} minutes. Sign in again within that time to resume them, here or on another computer.</source>
        <translation>Mettez-y fin maintenant, ou gardez-les&#xa0;: vos clients sont prévenus que vous êtes parti et que vous reviendrez peut-être, et leurs sessions restent ouvertes {minutes} minutes. Reconnectez-vous dans ce délai pour les reprendre, ici ou sur un autre ordinateur.</translation>
    </message>
    <message>
        <source>The support center runs inside this console and stops with it, so quitting ends them: your customers are told the session ended.</source>
        <translation>Le centre d&apos;assistance fonctionne dans cette console et s&apos;arrête avec elle&#xa0;: quitter y met donc fin, et vos clients sont prévenus que la session est terminée.</translation>
    </message>
    <message>
        <source>End sessions</source>
        <translation>Mettre fin aux sessions</translation>
    </message>
    <message>
        <source>Keep sessions</source>
        <translation>Garder les sessions</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to Tandem</source>
        <translation>Connexion à Tandem</translation>
    </message>
    <message>
        <source>SHA-256 shown by tandem-center fingerprint</source>
        <translation>SHA-256 donné par tandem-center fingerprint</translation>
    </message>
    <message>
        <source>Support center:</source>
        <translation>Centre d&apos;assistance&#xa0;:</translation>
    </message>
    <message>
        <source>Certificate fingerprint:</source>
        <translation>Empreinte du certificat&#xa0;:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Nom d&apos;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>The fingerprint is 64 hexadecimal characters.</source>
        <translation>L&apos;empreinte compte 64 caractères hexadécimaux.</translation>
    </message>
    <message>
        <source>The support center&apos;s address starts with https://.</source>
        <translation>L&apos;adresse du centre d&apos;assistance commence par https://.</translation>
    </message>
    <message>
        <source>The support center&apos;s address is https:// and its host name, with a port if it needs one: nothing else.</source>
        <translation>L&apos;adresse du centre d&apos;assistance est https:// suivi de son nom d&apos;hôte, avec un port s&apos;il en faut un&#xa0;: rien d&apos;autre.</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Saisissez votre nom d&apos;utilisateur et votre mot de passe.</translation>
    </message>
</context>
<context>
    <name>MultiRun</name>
    <message>
        <source>This session is over; nothing was done.</source>
        <translation>Cette session est terminée&#xa0;; rien n&apos;a été fait.</translation>
    </message>
    <message>
        <source>Not available on this computer.</source>
        <translation>Non disponible sur cet ordinateur.</translation>
    </message>
    <message>
        <source>No customer is connected.</source>
        <translation>Aucun client n&apos;est connecté.</translation>
    </message>
    <message>
        <source>It cannot run in this session now.</source>
        <translation>Impossible dans cette session pour le moment.</translation>
    </message>
    <message>
        <source>you need at least two sessions open.</source>
        <translation>il faut au moins deux sessions ouvertes.</translation>
    </message>
    <message>
        <source>Run on several sessions…</source>
        <translation>Exécuter dans plusieurs sessions…</translation>
    </message>
    <message>
        <source>Do one thing in several of your sessions at once: send a chat message, ask to view the desktop, end them</source>
        <translation>Faire une même chose dans plusieurs de vos sessions à la fois&#xa0;: envoyer un message de discussion, demander à voir le bureau, les terminer</translation>
    </message>
</context>
<context>
    <name>MultiRunDialog</name>
    <message>
        <source>Run on several sessions</source>
        <translation>Exécuter dans plusieurs sessions</translation>
    </message>
    <message>
        <source>Action to run</source>
        <translation>Action à exécuter</translation>
    </message>
    <message>
        <source>Sessions to run on</source>
        <translation>Sessions où exécuter</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Action&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Exécuter</translation>
    </message>
    <message>
        <source>Tick the sessions to run it on:</source>
        <translation>Cochez les sessions où l&apos;exécuter&#xa0;:</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <source>Session ended.</source>
        <translation>Session terminée.</translation>
    </message>
    <message>
        <source>The session ended before this was done.</source>
        <translation>La session s&apos;est terminée avant que ce soit fait.</translation>
    </message>
    <message>
        <source>Done: {what}</source>
        <translation>Fait&#xa0;: {what}</translation>
    </message>
    <message>
        <source>Not done: {what}</source>
        <translation>Non fait&#xa0;: {what}</translation>
    </message>
    <message>
        <source>Running on {n} sessions…</source>
        <translation>En cours dans {n} sessions…</translation>
    </message>
    <message>
        <source>Done in {ok} of {n} sessions.</source>
        <translation>Fait dans {ok} sessions sur {n}.</translation>
    </message>
    <message>
        <source>The session&apos;s tab was closed.</source>
        <translation>L&apos;onglet de la session a été fermé.</translation>
    </message>
</context>
<context>
    <name>MultisessionWindow</name>
    <message>
        <source>Tandem Console — sessions</source>
        <translation>Console Tandem — sessions</translation>
    </message>
    <message>
        <source>Session tools</source>
        <translation>Outils de session</translation>
    </message>
    <message>
        <source>End this session before closing its tab.</source>
        <translation>Mettez fin à cette session avant de fermer son onglet.</translation>
    </message>
    <message>
        <source>The last tab stays open for your next session.</source>
        <translation>Le dernier onglet reste ouvert pour votre prochaine session.</translation>
    </message>
    <message>
        <source>Close this tab</source>
        <translation>Fermer cet onglet</translation>
    </message>
    <message>
        <source>You have {n} sessions open, the most your support center allows at once. End one to start another.</source>
        <translation>Vous avez {n} sessions ouvertes, le maximum que votre centre d&apos;assistance permet à la fois. Terminez-en une pour en démarrer une autre.</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Session notes</source>
        <translation>Notes de session</translation>
    </message>
    <message>
        <source>Notes hold at most {count} characters.</source>
        <translation>Les notes comptent au plus {count} caractères.</translation>
    </message>
    <message>
        <source>Notes about this session, for its record: kept as you type.</source>
        <translation>Notes sur cette session, pour son compte rendu&#xa0;: conservées au fil de la saisie.</translation>
    </message>
    <message>
        <source>Start a session to take notes.</source>
        <translation>Démarrez une session pour prendre des notes.</translation>
    </message>
    <message>
        <source>Saved on this computer as you type; stored with the session&apos;s record when it ends.</source>
        <translation>Enregistrées sur cet ordinateur au fil de la saisie&#xa0;; conservées avec le compte rendu de la session à sa fin.</translation>
    </message>
</context>
<context>
    <name>NotesPart</name>
    <message>
        <source>Your notes could not be saved on this computer: {reason}</source>
        <translation>Vos notes n&apos;ont pas pu être enregistrées sur cet ordinateur&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>NotesReview</name>
    <message>
        <source>Notes of session {number}</source>
        <translation>Notes de la session {number}</translation>
    </message>
    <message>
        <source>These notes of session {number} were never saved at the support center. Check them, then save them with the session&apos;s record.</source>
        <translation>Ces notes de la session {number} n&apos;ont jamais été enregistrées au centre d&apos;assistance. Vérifiez-les, puis enregistrez-les avec le compte rendu de la session.</translation>
    </message>
    <message>
        <source>Session {number} has ended. Check your notes, then save them with the session&apos;s record at the support center.</source>
        <translation>La session {number} est terminée. Vérifiez vos notes, puis enregistrez-les avec le compte rendu de la session au centre d&apos;assistance.</translation>
    </message>
    <message>
        <source>Session notes</source>
        <translation>Notes de session</translation>
    </message>
    <message>
        <source>&amp;Save with the session&apos;s record</source>
        <translation>&amp;Enregistrer avec le compte rendu</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Plus tard</translation>
    </message>
    <message>
        <source>Keep the notes on this computer; they are offered again at your next sign-in</source>
        <translation>Garder les notes sur cet ordinateur&#xa0;; elles vous seront proposées à nouveau à votre prochaine connexion</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Not saved at the support center: {reason} Your notes stay on this computer and are offered again at your next sign-in.</source>
        <translation>Non enregistrées au centre d&apos;assistance&#xa0;: {reason} Vos notes restent sur cet ordinateur et vous seront proposées à nouveau à votre prochaine connexion.</translation>
    </message>
</context>
<context>
    <name>OtherCustomers</name>
    <message>
        <source>Also in this session: {names}.</source>
        <translation>Aussi dans cette session&#xa0;: {names}.</translation>
    </message>
    <message>
        <source>Another customer, {name}, joined this session.</source>
        <translation>Un autre client, {name}, a rejoint cette session.</translation>
    </message>
    <message>
        <source>{name} left this session.</source>
        <translation>{name} a quitté cette session.</translation>
    </message>
</context>
<context>
    <name>PanelWindow</name>
    <message>
        <source>{panel} — Tandem</source>
        <translation>{panel} — Tandem</translation>
    </message>
</context>
<context>
    <name>ParticipantList</name>
    <message>
        <source>Click a customer to help them: the session&apos;s actions go to them</source>
        <translation>Cliquez sur un client pour l&apos;aider&#xa0;: les actions de la session s&apos;adressent à lui</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Ordinateur</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>You are helping {name}: the session&apos;s actions go to them</source>
        <translation>Vous aidez {name}&#xa0;: les actions de la session s&apos;adressent à lui</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <source>helping now</source>
        <translation>vous l&apos;aidez</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>connexion…</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Compact icon bar</source>
        <translation>Barre d&apos;icônes compacte</translation>
    </message>
    <message>
        <source>Multisession window</source>
        <translation>Fenêtre multisession</translation>
    </message>
    <message>
        <source>Full colour</source>
        <translation>Toutes les couleurs</translation>
    </message>
    <message>
        <source>High colour (16-bit)</source>
        <translation>Couleurs 16 bits</translation>
    </message>
    <message>
        <source>256 colours</source>
        <translation>256 couleurs</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Console preferences</source>
        <translation>Préférences de la console</translation>
    </message>
    <message>
        <source>Console layout</source>
        <translation>Présentation de la console</translation>
    </message>
    <message>
        <source>Site default ({face})</source>
        <translation>Valeur par défaut du site ({face})</translation>
    </message>
    <message>
        <source>Order of the dashboard&apos;s tabs</source>
        <translation>Ordre des onglets du tableau de bord</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Monter</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>&amp;Descendre</translation>
    </message>
    <message>
        <source>How a viewer opens</source>
        <translation>Ouverture d&apos;une fenêtre de partage</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Plein écran</translation>
    </message>
    <message>
        <source>In a window</source>
        <translation>Dans une fenêtre</translation>
    </message>
    <message>
        <source>How the screen is scaled</source>
        <translation>Mise à l&apos;échelle de l&apos;écran</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>Ajuster à la fenêtre</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Taille réelle</translation>
    </message>
    <message>
        <source>Colour mode</source>
        <translation>Mode de couleur</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>A new language shows the next time the console starts.</source>
        <translation>La nouvelle langue s&apos;appliquera au prochain démarrage de la console.</translation>
    </message>
    <message>
        <source>&amp;Layout:</source>
        <translation>&amp;Présentation&#xa0;:</translation>
    </message>
    <message>
        <source>Dashboard &amp;tabs:</source>
        <translation>&amp;Onglets du tableau de bord&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Viewer opens:</source>
        <translation>&amp;Fenêtre de partage&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Scaling:</source>
        <translation>&amp;Mise à l&apos;échelle&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>&amp;Couleurs&#xa0;:</translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Remove printer</source>
        <translation>Retirer l&apos;imprimante</translation>
    </message>
    <message>
        <source>Remove the temporary printer from your computer now</source>
        <translation>Retirer maintenant l&apos;imprimante temporaire de votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to add a temporary printer to your computer</source>
        <translation>{agent} souhaite ajouter une imprimante temporaire à votre ordinateur</translation>
    </message>
    <message>
        <source>Documents you print to “Tandem – {agent}&apos;s printer” are sent to your agent as PDF and printed on their printer. Nothing is sent unless you print to it. It is removed when the control of your desktop or the session ends, and you can remove it at any time.</source>
        <translation>Les documents que vous imprimez sur «&#xa0;Tandem – imprimante de {agent}&#xa0;» sont envoyés à votre agent en PDF et imprimés sur son imprimante. Rien n&apos;est envoyé si vous n&apos;y imprimez rien. Elle est retirée quand le contrôle de votre bureau ou la session prend fin, et vous pouvez la retirer à tout moment.</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Imprimante</translation>
    </message>
    <message>
        <source>Print to my printer</source>
        <translation>Imprimer sur mon imprimante</translation>
    </message>
    <message>
        <source>While you control the customer&apos;s desktop, their computer can have a temporary printer (they are asked first). What is printed to it comes out of your printer.</source>
        <translation>Pendant que vous contrôlez le bureau du client, son ordinateur peut avoir une imprimante temporaire (le client est d&apos;abord consulté). Ce qui y est imprimé sort de votre imprimante.</translation>
    </message>
    <message>
        <source>Use this printer every time</source>
        <translation>Utiliser cette imprimante à chaque fois</translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation>Activer</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>&amp;Printer:</source>
        <translation>&amp;Imprimante&#xa0;:</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>Documents&#xa0;:</translation>
    </message>
    <message>
        <source>{printer} (system default)</source>
        <translation>{printer} (par défaut du système)</translation>
    </message>
    <message>
        <source>No printer found</source>
        <translation>Aucune imprimante trouvée</translation>
    </message>
    <message>
        <source>Take control of the customer&apos;s desktop first.</source>
        <translation>Prenez d&apos;abord le contrôle du bureau du client.</translation>
    </message>
    <message>
        <source>Tandem – {agent}&apos;s printer</source>
        <translation>Tandem – imprimante de {agent}</translation>
    </message>
    <message>
        <source>printing to your printer</source>
        <translation>l&apos;impression sur votre imprimante</translation>
    </message>
    <message>
        <source>The customer did not agree.</source>
        <translation>Le client n&apos;a pas accepté.</translation>
    </message>
    <message>
        <source>Only while you control the customer&apos;s desktop.</source>
        <translation>Seulement pendant que vous contrôlez le bureau du client.</translation>
    </message>
    <message>
        <source>Not allowed.</source>
        <translation>Non autorisé.</translation>
    </message>
    <message>
        <source>The customer&apos;s computer did not let Tandem add a printer.</source>
        <translation>L&apos;ordinateur du client n&apos;a pas permis à Tandem d&apos;ajouter une imprimante.</translation>
    </message>
    <message>
        <source>The customer&apos;s computer cannot have a temporary printer.</source>
        <translation>L&apos;ordinateur du client ne peut pas avoir d&apos;imprimante temporaire.</translation>
    </message>
    <message>
        <source>A temporary printer is already on.</source>
        <translation>Une imprimante temporaire est déjà en place.</translation>
    </message>
    <message>
        <source>The customer removed the printer.</source>
        <translation>Le client a retiré l&apos;imprimante.</translation>
    </message>
    <message>
        <source>Control of the desktop ended.</source>
        <translation>Le contrôle du bureau a pris fin.</translation>
    </message>
    <message>
        <source>Print to my printer was turned off.</source>
        <translation>L&apos;impression sur votre imprimante a été désactivée.</translation>
    </message>
    <message>
        <source>The document is too large.</source>
        <translation>Le document est trop volumineux.</translation>
    </message>
    <message>
        <source>The document is not a PDF.</source>
        <translation>Le document n&apos;est pas un PDF.</translation>
    </message>
    <message>
        <source>Too many documents at once.</source>
        <translation>Trop de documents à la fois.</translation>
    </message>
    <message>
        <source>The document arrived damaged.</source>
        <translation>Le document est arrivé endommagé.</translation>
    </message>
    <message>
        <source>The printer did not take the document.</source>
        <translation>L&apos;imprimante n&apos;a pas accepté le document.</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>La connexion a été perdue.</translation>
    </message>
    <message>
        <source>The session ended.</source>
        <translation>La session est terminée.</translation>
    </message>
    <message>
        <source>Document {number}</source>
        <translation>Document n°&#xa0;{number}</translation>
    </message>
    <message>
        <source>{title}: sending…</source>
        <translation>{title}&#xa0;: envoi…</translation>
    </message>
    <message>
        <source>{title}: receiving…</source>
        <translation>{title}&#xa0;: réception…</translation>
    </message>
    <message>
        <source>{title}: printing…</source>
        <translation>{title}&#xa0;: impression…</translation>
    </message>
    <message>
        <source>{title}: printed.</source>
        <translation>{title}&#xa0;: imprimé.</translation>
    </message>
    <message>
        <source>{title}: not printed. {why}</source>
        <translation>{title}&#xa0;: non imprimé. {why}</translation>
    </message>
    <message>
        <source>Print to my printer is off.</source>
        <translation>L&apos;impression sur votre imprimante est désactivée.</translation>
    </message>
    <message>
        <source>Adding your printer on the customer&apos;s computer…</source>
        <translation>Ajout de votre imprimante sur l&apos;ordinateur du client…</translation>
    </message>
    <message>
        <source>On: what the customer prints to the Tandem printer comes out of {printer}.</source>
        <translation>Activée&#xa0;: ce que le client imprime sur l&apos;imprimante Tandem sort de {printer}.</translation>
    </message>
    <message>
        <source>your default printer</source>
        <translation>votre imprimante par défaut</translation>
    </message>
    <message>
        <source>Off. {why}</source>
        <translation>Désactivée. {why}</translation>
    </message>
    <message>
        <source>A temporary printer, “{printer}”, is on your computer for this session: what you print to it goes to {agent}.</source>
        <translation>Une imprimante temporaire, «&#xa0;{printer}&#xa0;», est installée sur votre ordinateur pour cette session&#xa0;: ce que vous y imprimez est envoyé à {agent}.</translation>
    </message>
    <message>
        <source>Your agent asked to add a temporary printer, but it could not be added: {detail}</source>
        <translation>Votre agent a demandé d&apos;ajouter une imprimante temporaire, mais elle n&apos;a pas pu être ajoutée&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>The temporary printer was removed.</source>
        <translation>L&apos;imprimante temporaire a été retirée.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Waiting for an agent</source>
        <translation>En attente d&apos;un agent</translation>
    </message>
    <message>
        <source>Keep this window open: your session starts by itself when an agent is free.</source>
        <translation>Gardez cette fenêtre ouverte&#xa0;: votre session commence d&apos;elle-même dès qu&apos;un agent est libre.</translation>
    </message>
    <message>
        <source>&amp;Leave the queue</source>
        <translation>&amp;Quitter la file d&apos;attente</translation>
    </message>
    <message>
        <source>Leave the queue</source>
        <translation>Quitter la file d&apos;attente</translation>
    </message>
    <message>
        <source>Stop waiting: you lose your place in line</source>
        <translation>Ne plus attendre&#xa0;: vous perdez votre place dans la file</translation>
    </message>
    <message>
        <source>Connecting to the support center…</source>
        <translation>Connexion au centre d&apos;assistance…</translation>
    </message>
    <message>
        <source>Estimated wait: {wait}.</source>
        <translation>Attente estimée&#xa0;: {wait}.</translation>
    </message>
    <message>
        <source>The connection to the support center was lost; trying again. You keep your place in line.</source>
        <translation>La connexion au centre d&apos;assistance a été perdue&#xa0;; nouvel essai en cours. Vous gardez votre place dans la file.</translation>
    </message>
    <message>
        <source>{agent} is ready to help you: connecting…</source>
        <translation>{agent} va vous aider&#xa0;: connexion…</translation>
    </message>
</context>
<context>
    <name>QueueTexts</name>
    <message>
        <source>Ask for help again on the support page.</source>
        <translation>Demandez de l&apos;aide à nouveau sur la page d&apos;assistance.</translation>
    </message>
    <message>
        <source>The support center does not know this help request, so you cannot wait for an agent with it.</source>
        <translation>Le centre d&apos;assistance ne connaît pas cette demande d&apos;aide, vous ne pouvez donc pas attendre un agent avec elle.</translation>
    </message>
    <message>
        <source>This help request was already used, so it cannot be used again.</source>
        <translation>Cette demande d&apos;aide a déjà été utilisée, elle ne peut donc plus servir.</translation>
    </message>
    <message>
        <source>This help request has expired: the program must be started within {n} minutes of asking for help.</source>
        <translation>Cette demande d&apos;aide a expiré&#xa0;: le programme doit être lancé dans les {n} minutes qui suivent la demande d&apos;aide.</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>moins d&apos;une minute</translation>
    </message>
    <message>
        <source>an hour or more</source>
        <translation>une heure ou plus</translation>
    </message>
    <message>
        <source>about a minute</source>
        <translation>environ une minute</translation>
    </message>
    <message>
        <source>about {n} minutes</source>
        <translation>environ {n} minutes</translation>
    </message>
    <message>
        <source>You are next in line.</source>
        <translation>Vous êtes en tête de la file.</translation>
    </message>
    <message>
        <source>You are number {n} in line.</source>
        <translation>Vous êtes numéro {n} dans la file.</translation>
    </message>
    <message>
        <source>{agent} transferred you to {queue}; you are number {n} in line.</source>
        <translation>{agent} a transféré votre session vers {queue}&#xa0;; vous êtes numéro {n} dans la file.</translation>
    </message>
    <message>
        <source>{agent} transferred you to {queue}; you are next in line.</source>
        <translation>{agent} a transféré votre session vers {queue}&#xa0;; vous êtes en tête de la file.</translation>
    </message>
    <message>
        <source>Estimated wait: {wait}.</source>
        <translation>Attente estimée&#xa0;: {wait}.</translation>
    </message>
</context>
<context>
    <name>QueuesPanel</name>
    <message>
        <source>Queues</source>
        <translation>Files d&apos;attente</translation>
    </message>
    <message>
        <source>Your queues</source>
        <translation>Vos files d&apos;attente</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Attente max.</translation>
    </message>
    <message>
        <source>&amp;Transferred to you:</source>
        <translation>Clients &amp;transférés à vous&#xa0;:</translation>
    </message>
    <message>
        <source>Customers transferred to you</source>
        <translation>Clients qui vous ont été transférés</translation>
    </message>
    <message>
        <source>Accept &amp;automatically when free</source>
        <translation>Accepter &amp;automatiquement si libre</translation>
    </message>
    <message>
        <source>When you have no session of your own, take the next customer as soon as one waits</source>
        <translation>Quand vous n&apos;avez aucune session, prendre le client suivant dès que quelqu&apos;un attend</translation>
    </message>
    <message>
        <source>Your queues cannot be read now: {why}</source>
        <translation>Vos files d&apos;attente ne peuvent pas être lues pour l&apos;instant&#xa0;: {why}</translation>
    </message>
    <message>
        <source>You are in no queue. Your site&apos;s administrator adds agents to queues.</source>
        <translation>Vous n&apos;êtes dans aucune file d&apos;attente. L&apos;administrateur de votre site ajoute les agents aux files d&apos;attente.</translation>
    </message>
    <message>
        <source>Accepting the next customer…</source>
        <translation>Acceptation du client suivant…</translation>
    </message>
    <message>
        <source>{queue}: {n} waiting, longest wait {wait}</source>
        <translation>{queue}&#xa0;: {n} en attente, attente la plus longue {wait}</translation>
    </message>
</context>
<context>
    <name>QueuesWindow</name>
    <message>
        <source>Queues — Tandem</source>
        <translation>Files d&apos;attente — Tandem</translation>
    </message>
</context>
<context>
    <name>Recording</name>
    <message>
        <source>Save the recording in</source>
        <translation>Sauvegarder l&apos;enregistrement dans</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Record your screen and the chat to a video file, once the customer agrees</source>
        <translation>Enregistrer votre écran et la discussion dans un fichier vidéo, une fois que le client a accepté</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Arrêter l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Stop recording and save the file</source>
        <translation>Arrêter l&apos;enregistrement et sauvegarder le fichier</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop the recording of this session</source>
        <translation>Arrêter l&apos;enregistrement de cette session</translation>
    </message>
    <message>
        <source>This session is being recorded.</source>
        <translation>Cette session est en cours d&apos;enregistrement.</translation>
    </message>
    <message>
        <source>{agent} records this session on their computer.</source>
        <translation>{agent} enregistre cette session sur son ordinateur.</translation>
    </message>
    <message>
        <source>{agent} wants to record this session</source>
        <translation>{agent} souhaite enregistrer cette session</translation>
    </message>
    <message>
        <source>The recording is a video of the agent&apos;s screen, which shows what you share with them, and the chat. It is saved on the agent&apos;s computer. You will see while it runs and can stop it at any time.</source>
        <translation>L&apos;enregistrement est une vidéo de l&apos;écran de l&apos;agent, qui montre ce que vous partagez avec lui, et la discussion. Il est sauvegardé sur l&apos;ordinateur de l&apos;agent. Vous verrez quand il est en cours et pourrez l&apos;arrêter à tout moment.</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>The customer was asked whether this session may be recorded.</source>
        <translation>Le client a été invité à accepter l&apos;enregistrement de cette session.</translation>
    </message>
    <message>
        <source>Recording started.</source>
        <translation>Enregistrement démarré.</translation>
    </message>
    <message>
        <source>The customer did not agree to the recording.</source>
        <translation>Le client n&apos;a pas accepté l&apos;enregistrement.</translation>
    </message>
    <message>
        <source>Recording stopped.</source>
        <translation>Enregistrement arrêté.</translation>
    </message>
    <message>
        <source>The customer stopped the recording.</source>
        <translation>Le client a arrêté l&apos;enregistrement.</translation>
    </message>
    <message>
        <source>Recording stopped: control changed hands.</source>
        <translation>Enregistrement arrêté&#xa0;: le contrôle a changé de mains.</translation>
    </message>
    <message>
        <source>Recording stopped: the session ended.</source>
        <translation>Enregistrement arrêté&#xa0;: la session est terminée.</translation>
    </message>
    <message>
        <source>The recording failed and was not saved.</source>
        <translation>L&apos;enregistrement a échoué et n&apos;a pas été sauvegardé.</translation>
    </message>
    <message>
        <source>Recording stopped: the disk is nearly full.</source>
        <translation>Enregistrement arrêté&#xa0;: le disque est presque plein.</translation>
    </message>
    <message>
        <source>The recording was saved to {path}.</source>
        <translation>L&apos;enregistrement a été sauvegardé dans {path}.</translation>
    </message>
    <message>
        <source>the recording</source>
        <translation>l&apos;enregistrement</translation>
    </message>
</context>
<context>
    <name>RemoteScreenView</name>
    <message>
        <source>Shared screen</source>
        <translation>Écran partagé</translation>
    </message>
    <message>
        <source>Waiting for the first picture of the screen…</source>
        <translation>En attente de la première image de l&apos;écran…</translation>
    </message>
</context>
<context>
    <name>RemoteViewer</name>
    <message>
        <source>{name}&apos;s screen — Tandem</source>
        <translation>Écran de {name} — Tandem</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>Ajuster à la fenêtre</translation>
    </message>
    <message>
        <source>Scale the screen to fit the window</source>
        <translation>Réduire ou agrandir l&apos;écran pour qu&apos;il tienne dans la fenêtre</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Taille réelle</translation>
    </message>
    <message>
        <source>One pixel per pixel, with scrolling</source>
        <translation>Un pixel pour un pixel, avec défilement</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Plein écran</translation>
    </message>
    <message>
        <source>Use the whole screen (Esc leaves full screen)</source>
        <translation>Occuper tout l&apos;écran (Échap pour en sortir)</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Écran</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Screen sampling</source>
        <translation>Échantillonnage de l&apos;écran</translation>
    </message>
    <message>
        <source>Standard: the best picture. Screen sampling: speed first.</source>
        <translation>Standard&#xa0;: la meilleure image. Échantillonnage de l&apos;écran&#xa0;: la vitesse avant tout.</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Couleurs</translation>
    </message>
    <message>
        <source>Full colour</source>
        <translation>Toutes les couleurs</translation>
    </message>
    <message>
        <source>High colour (16-bit)</source>
        <translation>Couleurs 16 bits</translation>
    </message>
    <message>
        <source>256 colours</source>
        <translation>256 couleurs</translation>
    </message>
    <message>
        <source>Fewer colours use less bandwidth on slow links</source>
        <translation>Moins de couleurs, c&apos;est moins de bande passante sur une connexion lente</translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation>Arrêter le partage</translation>
    </message>
    <message>
        <source>Stop this sharing for both sides</source>
        <translation>Arrêter ce partage des deux côtés</translation>
    </message>
    <message>
        <source>All monitors</source>
        <translation>Tous les écrans</translation>
    </message>
    <message>
        <source>Monitor {n}</source>
        <translation>Écran {n}</translation>
    </message>
</context>
<context>
    <name>Restart</name>
    <message>
        <source>Restart the computer</source>
        <translation>Redémarrer l&apos;ordinateur</translation>
    </message>
    <message>
        <source>Ask the customer to restart their computer? Their client starts again after the restart and rejoins this session by itself.</source>
        <translation>Demander au client de redémarrer son ordinateur&#xa0;? Son client redémarre ensuite et revient automatiquement dans cette session.</translation>
    </message>
    <message>
        <source>Restart the customer&apos;s computer; they rejoin the session after it</source>
        <translation>Redémarrer l&apos;ordinateur du client&#xa0;; il revient ensuite dans la session</translation>
    </message>
    <message>
        <source>{agent} wants to restart your computer</source>
        <translation>{agent} souhaite redémarrer votre ordinateur</translation>
    </message>
    <message>
        <source>Save your work and close your programs first: the computer restarts as soon as you agree. Once you log on again, this program starts by itself and takes you back to this session.</source>
        <translation>Enregistrez d&apos;abord votre travail et fermez vos programmes&#xa0;: l&apos;ordinateur redémarre dès que vous acceptez. Une fois que vous vous serez reconnecté, ce programme démarrera automatiquement et vous ramènera dans cette session.</translation>
    </message>
    <message>
        <source>{name} was asked to restart their computer; they must agree first.</source>
        <translation>{name} a reçu la demande de redémarrer son ordinateur&#xa0;; il doit d&apos;abord l&apos;accepter.</translation>
    </message>
    <message>
        <source>{name}&apos;s computer is restarting; they will rejoin this session by themselves.</source>
        <translation>L&apos;ordinateur de {name} redémarre&#xa0;; il reviendra automatiquement dans cette session.</translation>
    </message>
    <message>
        <source>{name} did not agree to restart their computer.</source>
        <translation>{name} n&apos;a pas accepté de redémarrer son ordinateur.</translation>
    </message>
    <message>
        <source>{name}&apos;s computer could not be restarted: {reason}</source>
        <translation>L&apos;ordinateur de {name} n&apos;a pas pu redémarrer&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>aucune raison donnée</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>{name}&apos;s console lost its connection; you can take over the session.</source>
        <translation>La console de {name} a perdu sa connexion&#xa0;; vous pouvez reprendre la session.</translation>
    </message>
    <message>
        <source>{name}&apos;s console lost its connection; you can take over the session until {time}.</source>
        <translation>La console de {name} a perdu sa connexion&#xa0;; vous pouvez reprendre la session jusqu&apos;à {time}.</translation>
    </message>
    <message>
        <source>You are assisting in this session.</source>
        <translation>Vous assistez dans cette session.</translation>
    </message>
    <message>
        <source>You are assisting {name}, who is in charge of this session.</source>
        <translation>Vous assistez {name}, responsable de cette session.</translation>
    </message>
    <message>
        <source>You took over the session from {previous}.</source>
        <translation>Vous avez repris la session de {previous}.</translation>
    </message>
    <message>
        <source>{previous} handed control to you: you are in charge now.</source>
        <translation>{previous} vous a transféré le contrôle&#xa0;: vous êtes désormais responsable de la session.</translation>
    </message>
    <message>
        <source>You handed control to {primary}; you assist now.</source>
        <translation>Vous avez transféré le contrôle à {primary}&#xa0;; vous assistez désormais.</translation>
    </message>
    <message>
        <source>{primary} took over the session while you were away; you assist now.</source>
        <translation>{primary} a repris la session pendant votre absence&#xa0;; vous assistez désormais.</translation>
    </message>
    <message>
        <source>{primary} took over the session from {previous}.</source>
        <translation>{primary} a repris la session de {previous}.</translation>
    </message>
    <message>
        <source>{previous} handed control to {primary}.</source>
        <translation>{previous} a transféré le contrôle à {primary}.</translation>
    </message>
    <message>
        <source>Any sharing running has ended.</source>
        <translation>Tout partage en cours a pris fin.</translation>
    </message>
</context>
<context>
    <name>RunAs</name>
    <message>
        <source>Log on to the customer&apos;s computer</source>
        <translation>Connexion à l&apos;ordinateur client</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Compte&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe&#xa0;:</translation>
    </message>
    <message>
        <source>Log on as a different user…</source>
        <translation>Se connecter en tant qu&apos;utilisateur différent…</translation>
    </message>
    <message>
        <source>Log on to the customer&apos;s computer with another account (an administrator&apos;s) and get a command shell as that account</source>
        <translation>Se connecter à l&apos;ordinateur du client avec un autre compte (un administrateur, par exemple) et obtenir une invite de commandes sous ce compte</translation>
    </message>
    <message>
        <source>{agent} wants to log on to your computer as {account}</source>
        <translation>{agent} souhaite se connecter à votre ordinateur en tant que {account}</translation>
    </message>
    <message>
        <source>They have that account&apos;s password. They get a command window running as that account, with its rights, until they log off or the session ends. The password is not kept.</source>
        <translation>Il connaît le mot de passe de ce compte. Il obtient une fenêtre de commandes sous ce compte, avec ses droits, jusqu&apos;à ce qu&apos;il se déconnecte ou que la session se termine. Le mot de passe n&apos;est pas conservé.</translation>
    </message>
    <message>
        <source>Waiting for the customer to let you log on as {account}…</source>
        <translation>En attente de l&apos;autorisation du client pour vous connecter en tant que {account}…</translation>
    </message>
    <message>
        <source>Logged on as {account}.</source>
        <translation>Connecté en tant que {account}.</translation>
    </message>
    <message>
        <source>Not logged on as {account}: {reason}</source>
        <translation>Non connecté en tant que {account}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Logged off from {account} ({reason}).</source>
        <translation>Déconnecté de {account} ({reason}).</translation>
    </message>
    <message>
        <source>logged off</source>
        <translation>déconnecté</translation>
    </message>
    <message>
        <source>stopped by the customer</source>
        <translation>arrêté par le client</translation>
    </message>
    <message>
        <source>the shell ended</source>
        <translation>l&apos;interpréteur de commandes s&apos;est terminé</translation>
    </message>
    <message>
        <source>the session ended</source>
        <translation>la session est terminée</translation>
    </message>
    <message>
        <source>the link was lost</source>
        <translation>la liaison a été perdue</translation>
    </message>
    <message>
        <source>another agent is in charge</source>
        <translation>un autre agent a la main</translation>
    </message>
    <message>
        <source>it failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>Type a command and press Enter</source>
        <translation>Tapez une commande et appuyez sur Entrée</translation>
    </message>
    <message>
        <source>Log off</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <source>Command shell as {account}</source>
        <translation>Invite de commandes en tant que {account}</translation>
    </message>
    <message>
        <source>Logged on as another user — Tandem</source>
        <translation>Connecté sous un autre utilisateur — Tandem</translation>
    </message>
    <message>
        <source>Log the agent off now: the command window and what it runs end</source>
        <translation>Déconnecter l&apos;agent maintenant&#xa0;: la fenêtre de commande et ce qu&apos;elle exécute s&apos;arrêtent</translation>
    </message>
    <message>
        <source>{agent} is logged on to your computer as {account}, with a command window and script runs under that account.</source>
        <translation>{agent} est connecté à votre ordinateur en tant que {account}, avec une fenêtre de commande et des exécutions de scripts sous ce compte.</translation>
    </message>
</context>
<context>
    <name>ScreenOverlay</name>
    <message>
        <source>Annotations</source>
        <translation>Annotations</translation>
    </message>
</context>
<context>
    <name>Scripts</name>
    <message>
        <source>The customer declined: no script ran.</source>
        <translation>Le client a refusé&#xa0;: aucun script n&apos;a été exécuté.</translation>
    </message>
    <message>
        <source>The customer&apos;s computer refused the scripts: they differ from the support center&apos;s library. No script ran.</source>
        <translation>L&apos;ordinateur du client a refusé les scripts&#xa0;: ils diffèrent de ceux de la bibliothèque du centre d&apos;assistance. Aucun script n&apos;a été exécuté.</translation>
    </message>
    <message>
        <source>The customer&apos;s computer could not check the scripts with the support center. No script ran.</source>
        <translation>L&apos;ordinateur du client n&apos;a pas pu vérifier les scripts auprès du centre d&apos;assistance. Aucun script n&apos;a été exécuté.</translation>
    </message>
    <message>
        <source>Scripts are already running on the customer&apos;s computer.</source>
        <translation>Des scripts sont déjà en cours d&apos;exécution sur l&apos;ordinateur du client.</translation>
    </message>
    <message>
        <source>Only the agent in charge may run scripts.</source>
        <translation>Seul l&apos;agent responsable peut exécuter des scripts.</translation>
    </message>
    <message>
        <source>The account the scripts would run as changed while the customer was asked. No script ran.</source>
        <translation>Le compte sous lequel les scripts s&apos;exécuteraient a changé pendant que le client était interrogé. Aucun script n&apos;a été exécuté.</translation>
    </message>
    <message>
        <source>The customer&apos;s computer refused the scripts.</source>
        <translation>L&apos;ordinateur du client a refusé les scripts.</translation>
    </message>
    <message>
        <source>Script {name} finished (exit status 0).</source>
        <translation>Le script {name} s&apos;est terminé (code de sortie 0).</translation>
    </message>
    <message>
        <source>Script {name} failed (exit status {status}).</source>
        <translation>Le script {name} a échoué (code de sortie {status}).</translation>
    </message>
    <message>
        <source>Script {name} ran past its time limit: it was stopped, with the processes it started.</source>
        <translation>Le script {name} a dépassé sa limite de temps&#xa0;: il a été arrêté, avec les processus qu&apos;il avait lancés.</translation>
    </message>
    <message>
        <source>Script {name} was refused: its bytes differ from the support center&apos;s library. It did not run.</source>
        <translation>Le script {name} a été refusé&#xa0;: son contenu diffère de celui de la bibliothèque du centre d&apos;assistance. Il n&apos;a pas été exécuté.</translation>
    </message>
    <message>
        <source>Script {name} could not start.</source>
        <translation>Le script {name} n&apos;a pas pu démarrer.</translation>
    </message>
    <message>
        <source>The output of {name} was too long: only its beginning is shown.</source>
        <translation>La sortie de {name} était trop longue&#xa0;: seul son début est affiché.</translation>
    </message>
    <message>
        <source>Running script {name}…</source>
        <translation>Exécution du script {name}…</translation>
    </message>
    <message>
        <source>The customer allowed the scripts; they are running.</source>
        <translation>Le client a autorisé les scripts&#xa0;; ils sont en cours d&apos;exécution.</translation>
    </message>
    <message>
        <source>Stopped by the customer: the running script was ended and the rest did not run.</source>
        <translation>Arrêté par le client&#xa0;: le script en cours a été interrompu et les suivants n&apos;ont pas été exécutés.</translation>
    </message>
    <message>
        <source>The script run stopped before its end.</source>
        <translation>L&apos;exécution des scripts s&apos;est arrêtée avant la fin.</translation>
    </message>
    <message>
        <source>All the scripts have run.</source>
        <translation>Tous les scripts ont été exécutés.</translation>
    </message>
    <message>
        <source>{agent} wants to run scripts on your computer as {account}.</source>
        <translation>{agent} souhaite exécuter des scripts sur votre ordinateur en tant que {account}.</translation>
    </message>
    <message>
        <source>{agent} wants to run scripts on your computer.</source>
        <translation>{agent} souhaite exécuter des scripts sur votre ordinateur.</translation>
    </message>
    <message>
        <source>They run under the account {account}, with its rights, not yours.</source>
        <translation>Ils s&apos;exécutent sous le compte {account}, avec ses droits, pas les vôtres.</translation>
    </message>
    <message>
        <source>The library has no script named {names}.</source>
        <translation>La bibliothèque n&apos;a aucun script nommé {names}.</translation>
    </message>
    <message>
        <source>Scripts running — Tandem</source>
        <translation>Scripts en cours — Tandem</translation>
    </message>
    <message>
        <source>Stop the scripts now: the one running ends, the rest do not run</source>
        <translation>Arrêter les scripts maintenant&#xa0;: celui en cours s&apos;interrompt, les suivants ne s&apos;exécutent pas</translation>
    </message>
    <message>
        <source>{agent} is running scripts on your computer as {account}.</source>
        <translation>{agent} exécute des scripts sur votre ordinateur en tant que {account}.</translation>
    </message>
    <message>
        <source>{agent} is running scripts on your computer.</source>
        <translation>{agent} exécute des scripts sur votre ordinateur.</translation>
    </message>
    <message>
        <source>Now: {name}</source>
        <translation>En cours&#xa0;: {name}</translation>
    </message>
    <message>
        <source>They run one after another in a temporary folder, removed afterwards; what they print goes to {agent}. The support center checked that each is the one in its library.</source>
        <translation>Ils s&apos;exécutent l&apos;un après l&apos;autre dans un dossier temporaire, supprimé ensuite&#xa0;; ce qu&apos;ils affichent est transmis à {agent}. Le centre d&apos;assistance a vérifié que chacun est bien celui de sa bibliothèque.</translation>
    </message>
    <message>
        <source>Sign in to reach the script library.</source>
        <translation>Connectez-vous pour accéder à la bibliothèque de scripts.</translation>
    </message>
    <message>
        <source>No customer is connected.</source>
        <translation>Aucun client n&apos;est connecté.</translation>
    </message>
    <message>
        <source>Run scripts</source>
        <translation>Lancer des scripts</translation>
    </message>
    <message>
        <source>Name the scripts to run.</source>
        <translation>Nommez les scripts à exécuter.</translation>
    </message>
    <message>
        <source>A run holds at most {n} scripts.</source>
        <translation>Une exécution comprend au plus {n} scripts.</translation>
    </message>
    <message>
        <source>Scripts cannot run in this session.</source>
        <translation>Les scripts ne peuvent pas être exécutés dans cette session.</translation>
    </message>
    <message>
        <source>Scripts to run, in this order:</source>
        <translation>Scripts à exécuter, dans cet ordre&#xa0;:</translation>
    </message>
    <message>
        <source>Pick the scripts to run in the library window.</source>
        <translation>Choisissez les scripts à exécuter dans la fenêtre de la bibliothèque.</translation>
    </message>
    <message>
        <source>Script library…</source>
        <translation>Bibliothèque de scripts…</translation>
    </message>
    <message>
        <source>Add, edit or delete the scripts agents run on customers&apos; computers</source>
        <translation>Ajouter, modifier ou supprimer les scripts que les agents exécutent sur les ordinateurs des clients</translation>
    </message>
    <message>
        <source>Run scripts…</source>
        <translation>Lancer des scripts…</translation>
    </message>
    <message>
        <source>Run scripts from the library on the customer&apos;s computer (the customer is asked)</source>
        <translation>Exécuter des scripts de la bibliothèque sur l&apos;ordinateur du client (le client est consulté)</translation>
    </message>
    <message>
        <source>Scripts to run, in order, separated by commas:</source>
        <translation>Scripts à exécuter, dans l&apos;ordre, séparés par des virgules&#xa0;:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Ajouté par</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publié</translation>
    </message>
    <message>
        <source>Executable file</source>
        <translation>Fichier d&apos;exécution</translation>
    </message>
    <message>
        <source>Input file</source>
        <translation>Fichier d&apos;entrée</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n}&#xa0;octets</translation>
    </message>
    <message>
        <source>{n} KB</source>
        <translation>{n}&#xa0;Ko</translation>
    </message>
    <message>
        <source>There is already a script with this name: choose another name.</source>
        <translation>Il existe déjà un script de ce nom&#xa0;: choisissez un autre nom.</translation>
    </message>
    <message>
        <source>Each file of a script holds at most 1 MB.</source>
        <translation>Chaque fichier d&apos;un script fait au plus 1&#xa0;Mo.</translation>
    </message>
    <message>
        <source>You can change only the scripts you added.</source>
        <translation>Vous ne pouvez modifier que les scripts que vous avez ajoutés.</translation>
    </message>
    <message>
        <source>This category no longer exists: choose another.</source>
        <translation>Cette catégorie n&apos;existe plus&#xa0;: choisissez-en une autre.</translation>
    </message>
    <message>
        <source>The file {name} does not exist.</source>
        <translation>Le fichier {name} n&apos;existe pas.</translation>
    </message>
    <message>
        <source>The file {name} is over 1 MB: a script&apos;s files hold at most 1 MB each.</source>
        <translation>Le fichier {name} dépasse 1&#xa0;Mo&#xa0;: chaque fichier d&apos;un script fait au plus 1&#xa0;Mo.</translation>
    </message>
    <message>
        <source>The file {name} cannot be read.</source>
        <translation>Le fichier {name} ne peut pas être lu.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Add a new script</source>
        <translation>Ajouter un nouveau script</translation>
    </message>
    <message>
        <source>Edit script {name}</source>
        <translation>Modifier le script {name}</translation>
    </message>
    <message>
        <source>Publish in the script library</source>
        <translation>Publier dans la bibliothèque de scripts</translation>
    </message>
    <message>
        <source>All the site&apos;s agents may then use it; otherwise only you.</source>
        <translation>Tous les agents du site pourront alors l&apos;utiliser&#xa0;; sinon, vous seul.</translation>
    </message>
    <message>
        <source>Remove the input file</source>
        <translation>Retirer le fichier d&apos;entrée</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Catégorie&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Executable file:</source>
        <translation>Fichier d&apos;&amp;exécution&#xa0;:</translation>
    </message>
    <message>
        <source>Now: {name} (leave empty to keep it)</source>
        <translation>Actuellement&#xa0;: {name} (laisser vide pour le conserver)</translation>
    </message>
    <message>
        <source>&amp;Input file (optional):</source>
        <translation>Fichier d&apos;&amp;entrée (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <source>Give the script a name.</source>
        <translation>Donnez un nom au script.</translation>
    </message>
    <message>
        <source>There is no category yet: the site&apos;s administrator makes them.</source>
        <translation>Il n&apos;y a encore aucune catégorie&#xa0;: l&apos;administrateur du site les crée.</translation>
    </message>
    <message>
        <source>The description holds at most {n} characters.</source>
        <translation>La description comprend au plus {n} caractères.</translation>
    </message>
    <message>
        <source>Choose the script&apos;s executable file.</source>
        <translation>Choisissez le fichier d&apos;exécution du script.</translation>
    </message>
    <message>
        <source>Script library</source>
        <translation>Bibliothèque de scripts</translation>
    </message>
    <message>
        <source>&amp;Add a new script…</source>
        <translation>&amp;Ajouter un nouveau script…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualiser</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Catégorie&#xa0;:</translation>
    </message>
    <message>
        <source>Scripts to run, in this order</source>
        <translation>Scripts à exécuter, dans cet ordre</translation>
    </message>
    <message>
        <source>Add to the &amp;run</source>
        <translation>Ajouter à l&apos;e&amp;xécution</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>M&amp;onter</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>&amp;Descendre</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Run the &amp;scripts</source>
        <translation>&amp;Lancer les scripts</translation>
    </message>
    <message>
        <source>Run on se&amp;veral sessions…</source>
        <translation>Exécuter sur &amp;plusieurs sessions…</translation>
    </message>
    <message>
        <source>Run these scripts, in this order, on the customers of several of your sessions</source>
        <translation>Exécuter ces scripts, dans cet ordre, chez les clients de plusieurs de vos sessions</translation>
    </message>
    <message>
        <source>Asked the customer to run {n} script(s).</source>
        <translation>Le client est invité à exécuter {n} script(s).</translation>
    </message>
    <message>
        <source>Loading the library…</source>
        <translation>Chargement de la bibliothèque…</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Toutes les catégories</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>SHA-256: {sha256}</source>
        <translation>SHA-256&#xa0;: {sha256}</translation>
    </message>
    <message>
        <source>Only its author may change it.</source>
        <translation>Seul son auteur peut le modifier.</translation>
    </message>
    <message>
        <source>Delete script</source>
        <translation>Supprimer le script</translation>
    </message>
    <message>
        <source>Delete the script {name} from the library?</source>
        <translation>Supprimer le script {name} de la bibliothèque&#xa0;?</translation>
    </message>
</context>
<context>
    <name>SessionChat</name>
    <message>
        <source>Quick phrases</source>
        <translation>Phrases rapides</translation>
    </message>
    <message>
        <source>Put one of your site&apos;s prepared messages in the message field</source>
        <translation>Mettre l&apos;un des messages préparés par votre site dans le champ du message</translation>
    </message>
    <message>
        <source>No quick phrases are set at the support center</source>
        <translation>Aucune phrase rapide n&apos;est définie au centre d&apos;assistance</translation>
    </message>
</context>
<context>
    <name>SessionChooser</name>
    <message>
        <source>Session shown</source>
        <translation>Session affichée</translation>
    </message>
    <message>
        <source>Which of your sessions this window shows and acts on</source>
        <translation>La session que cette fenêtre affiche et sur laquelle elle agit</translation>
    </message>
</context>
<context>
    <name>SessionOptionsDialog</name>
    <message>
        <source>Session options</source>
        <translation>Options de session</translation>
    </message>
    <message>
        <source>Picture quality</source>
        <translation>Qualité d&apos;image</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Screen sampling</source>
        <translation>Échantillonnage de l&apos;écran</translation>
    </message>
    <message>
        <source>Colour mode</source>
        <translation>Mode de couleur</translation>
    </message>
    <message>
        <source>Screens you view from now on in this session open this way.</source>
        <translation>Les écrans que vous afficherez désormais dans cette session s&apos;ouvriront ainsi.</translation>
    </message>
    <message>
        <source>&amp;Quality:</source>
        <translation>&amp;Qualité&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>&amp;Couleurs&#xa0;:</translation>
    </message>
</context>
<context>
    <name>SessionPanel</name>
    <message>
        <source>No session yet. Start one to get a number for your customer.</source>
        <translation>Aucune session pour l&apos;instant. Démarrez-en une pour obtenir un numéro à donner à votre client.</translation>
    </message>
    <message>
        <source>Session number</source>
        <translation>Numéro de session</translation>
    </message>
    <message>
        <source>Join link</source>
        <translation>Lien d&apos;accès</translation>
    </message>
    <message>
        <source>optional, asked of the customer when they join</source>
        <translation>facultatif, demandé au client quand il rejoint la session</translation>
    </message>
    <message>
        <source>Session password</source>
        <translation>Mot de passe de session</translation>
    </message>
    <message>
        <source>Session number:</source>
        <translation>Numéro de session&#xa0;:</translation>
    </message>
    <message>
        <source>Join link:</source>
        <translation>Lien d&apos;accès&#xa0;:</translation>
    </message>
    <message>
        <source>Session password:</source>
        <translation>Mot de passe de session&#xa0;:</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Participants:</source>
        <translation>Participants&#xa0;:</translation>
    </message>
    <message>
        <source>Give your customer the session number (or the join link) and wait for them.</source>
        <translation>Donnez à votre client le numéro de session (ou le lien d&apos;accès) et attendez qu&apos;il vous rejoigne.</translation>
    </message>
</context>
<context>
    <name>SessionSlot</name>
    <message>
        <source>Session {number} started.</source>
        <translation>Session {number} démarrée.</translation>
    </message>
    <message>
        <source>Session {number} resumed.</source>
        <translation>Session {number} reprise.</translation>
    </message>
    <message>
        <source>Session {number} started; your customer is on their way.</source>
        <translation>Session {number} démarrée&#xa0;; votre client arrive.</translation>
    </message>
    <message>
        <source>You joined session {number} as an assistant.</source>
        <translation>Vous avez rejoint la session {number} en tant qu&apos;assistant.</translation>
    </message>
    <message>
        <source>{name} joined.</source>
        <translation>{name} a rejoint la session.</translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message>
        <source>Session number</source>
        <translation>Numéro de session</translation>
    </message>
    <message>
        <source>Join link</source>
        <translation>Lien d&apos;accès</translation>
    </message>
    <message>
        <source>Session number:</source>
        <translation>Numéro de session&#xa0;:</translation>
    </message>
    <message>
        <source>Join link:</source>
        <translation>Lien d&apos;accès&#xa0;:</translation>
    </message>
    <message>
        <source>One application, co-browsing:</source>
        <translation>Une application, co-navigation&#xa0;:</translation>
    </message>
    <message>
        <source>Participants and their systems</source>
        <translation>Participants et leurs systèmes</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>Partage</translation>
    </message>
    <message>
        <source>System information</source>
        <translation>Informations système</translation>
    </message>
    <message>
        <source>Connected with {names}; you are helping {name}.</source>
        <translation>Connecté avec {names}&#xa0;; vous aidez {name}.</translation>
    </message>
    <message>
        <source>Connected with {names}.</source>
        <translation>Connecté à {names}.</translation>
    </message>
    <message>
        <source>your customer</source>
        <translation>votre client</translation>
    </message>
    <message>
        <source>Give your customer the session number and wait for them.</source>
        <translation>Donnez le numéro de session à votre client et attendez qu&apos;il vous rejoigne.</translation>
    </message>
    <message>
        <source>Starting the session…</source>
        <translation>Démarrage de la session…</translation>
    </message>
    <message>
        <source>No session yet. Start one to get a number for your customer.</source>
        <translation>Aucune session pour l&apos;instant. Démarrez-en une pour obtenir un numéro à donner à votre client.</translation>
    </message>
    <message>
        <source>Could not start a session: {reason}</source>
        <translation>Impossible de démarrer une session&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>SessionTexts</name>
    <message>
        <source>You ended the session.</source>
        <translation>Vous avez mis fin à la session.</translation>
    </message>
    <message>
        <source>{name} ended the session.</source>
        <translation>{name} a mis fin à la session.</translation>
    </message>
    <message>
        <source>The session was ended.</source>
        <translation>La session est terminée.</translation>
    </message>
    <message>
        <source>You left the session.</source>
        <translation>Vous avez quitté la session.</translation>
    </message>
    <message>
        <source>You transferred the session; the customer waits for the next agent.</source>
        <translation>Vous avez transféré la session&#xa0;; le client attend l&apos;agent suivant.</translation>
    </message>
    <message>
        <source>Your agent did not come back in time; the session ended.</source>
        <translation>Votre agent n&apos;est pas revenu à temps&#xa0;; la session est terminée.</translation>
    </message>
    <message>
        <source>You left this session open for a while: sign back in to resume it.</source>
        <translation>Vous avez laissé cette session ouverte pour un moment&#xa0;: reconnectez-vous pour la reprendre.</translation>
    </message>
    <message>
        <source>The session expired.</source>
        <translation>La session a expiré.</translation>
    </message>
    <message>
        <source>The connection was lost; the session ended.</source>
        <translation>La connexion a été perdue&#xa0;; la session est terminée.</translation>
    </message>
    <message>
        <source>The session was closed.</source>
        <translation>La session a été fermée.</translation>
    </message>
    <message>
        <source>The session ended ({code}).</source>
        <translation>La session est terminée ({code}).</translation>
    </message>
    <message>
        <source>left</source>
        <translation>a quitté la session</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>a perdu la connexion</translation>
    </message>
    <message>
        <source>session over</source>
        <translation>n&apos;est plus dans la session</translation>
    </message>
    <message>
        <source>stepped away</source>
        <translation>s&apos;est absenté pour un moment</translation>
    </message>
    <message>
        <source>restarting…</source>
        <translation>redémarrage…</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>n&apos;est plus là</translation>
    </message>
    <message>
        <source>{name} left.</source>
        <translation>{name} a quitté la session.</translation>
    </message>
    <message>
        <source>{name} was disconnected.</source>
        <translation>{name} a perdu la connexion.</translation>
    </message>
    <message>
        <source>The session is over for {name}.</source>
        <translation>La session est terminée pour {name}.</translation>
    </message>
    <message>
        <source>{name} stepped away.</source>
        <translation>{name} s&apos;est absenté pour un moment.</translation>
    </message>
    <message>
        <source>{name}&apos;s computer is restarting…</source>
        <translation>L&apos;ordinateur de {name} redémarre…</translation>
    </message>
    <message>
        <source>{name} is gone.</source>
        <translation>{name} n&apos;est plus là.</translation>
    </message>
    <message>
        <source>Your agent {name} has left and may come back within a minute.</source>
        <translation>Votre agent {name} est parti et reviendra peut-être d&apos;ici une minute.</translation>
    </message>
    <message>
        <source>Your agent {name} has left and may come back within {n} minutes.</source>
        <translation>Votre agent {name} est parti et reviendra peut-être d&apos;ici {n} minutes.</translation>
    </message>
    <message>
        <source>You can wait here, or leave the session. If they do not come back in time, the session ends.</source>
        <translation>Vous pouvez attendre ici ou quitter la session. S&apos;il ne revient pas à temps, la session se terminera.</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Assisting agent</source>
        <translation>Agent adjoint</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>{agent} asks to see your screen</source>
        <translation>{agent} demande à voir votre écran</translation>
    </message>
    <message>
        <source>{agent} asks to control your computer</source>
        <translation>{agent} demande à contrôler votre ordinateur</translation>
    </message>
    <message>
        <source>{agent} wants to show you their screen</source>
        <translation>{agent} souhaite vous montrer son écran</translation>
    </message>
    <message>
        <source>{agent} offers you control of their computer</source>
        <translation>{agent} vous propose de prendre le contrôle de son ordinateur</translation>
    </message>
    <message>
        <source>{agent} asks to share a screen</source>
        <translation>{agent} demande à partager un écran</translation>
    </message>
    <message>
        <source>Without asking again: seeing your screen or one of your applications, moving files to and from your computer, reading system information, recording the session.</source>
        <translation>Sans vous redemander&#xa0;: voir votre écran ou l&apos;une de vos applications, transférer des fichiers vers et depuis votre ordinateur, lire les informations système, enregistrer la session.</translation>
    </message>
    <message>
        <source>Also without asking, as you chose: controlling your computer or one of your applications, opening their screen over yours, giving you control of their computer.</source>
        <translation>Aussi sans vous redemander, comme vous l&apos;avez choisi&#xa0;: contrôler votre ordinateur ou l&apos;une de vos applications, ouvrir son écran par-dessus le vôtre, vous donner le contrôle de son ordinateur.</translation>
    </message>
    <message>
        <source>Still asked each time: controlling your computer or one of your applications, opening their screen over yours, giving you control of their computer.</source>
        <translation>Toujours demandé à chaque fois&#xa0;: contrôler votre ordinateur ou l&apos;une de vos applications, ouvrir son écran par-dessus le vôtre, vous donner le contrôle de son ordinateur.</translation>
    </message>
    <message>
        <source>“Allow everything” is on, control included: your agent no longer asks before seeing or controlling your computer, moving files, reading system information or recording the session.</source>
        <translation>«&#xa0;Tout autoriser&#xa0;» est activé, contrôle compris&#xa0;: votre agent ne vous demande plus rien avant de voir ou de contrôler votre ordinateur, de transférer des fichiers, de lire les informations système ou d&apos;enregistrer la session.</translation>
    </message>
    <message>
        <source>“Allow everything” is on: your agent no longer asks before seeing your screen or one of your applications, moving files, reading system information or recording the session.</source>
        <translation>«&#xa0;Tout autoriser&#xa0;» est activé&#xa0;: votre agent ne vous demande plus rien avant de voir votre écran ou l&apos;une de vos applications, de transférer des fichiers, de lire les informations système ou d&apos;enregistrer la session.</translation>
    </message>
    <message>
        <source>They will see everything on your screen, but cannot use your mouse, your keyboard or your clipboard. You can stop sharing at any time.</source>
        <translation>L&apos;agent verra tout ce qui s&apos;affiche sur votre écran, mais ne pourra utiliser ni votre souris, ni votre clavier, ni votre presse-papiers. Vous pouvez arrêter le partage à tout moment.</translation>
    </message>
    <message>
        <source>They will see your screen and use your mouse and keyboard. Your clipboard is shared both ways: text you copy goes to them, and text they copy comes to you. Move your own mouse to take back control at once; you can stop sharing at any time.</source>
        <translation>L&apos;agent verra votre écran et se servira de votre souris et de votre clavier. Votre presse-papiers est partagé dans les deux sens&#xa0;: le texte que vous copiez va chez l&apos;agent, et celui qu&apos;il copie vient chez vous. Bougez votre propre souris pour reprendre la main aussitôt&#xa0;; vous pouvez arrêter le partage à tout moment.</translation>
    </message>
    <message>
        <source>Their screen will open in a window on this computer. Nothing of yours is shared, not even your clipboard.</source>
        <translation>L&apos;écran de l&apos;agent s&apos;ouvrira dans une fenêtre sur cet ordinateur. Rien de votre ordinateur n&apos;est partagé, pas même votre presse-papiers.</translation>
    </message>
    <message>
        <source>Their screen will open in a window on this computer, and your mouse and keyboard will work on their computer. Text you copy there comes to your clipboard. Nothing of yours is shared, not even your clipboard.</source>
        <translation>L&apos;écran de l&apos;agent s&apos;ouvrira dans une fenêtre sur cet ordinateur, et votre souris et votre clavier agiront sur son ordinateur. Le texte que vous y copiez vient dans votre presse-papiers. Rien de votre ordinateur n&apos;est partagé, pas même votre presse-papiers.</translation>
    </message>
    <message>
        <source>Your screen is being controlled by {name}</source>
        <translation>{name} contrôle votre écran</translation>
    </message>
    <message>
        <source>Your screen is being viewed by {name}</source>
        <translation>{name} voit votre écran</translation>
    </message>
    <message>
        <source>(also seen by {names}, assisting)</source>
        <translation>(vu aussi par {names}, en assistance)</translation>
    </message>
    <message>
        <source>Agents assisting in this session will see your screen too: {names}.</source>
        <translation>Les agents qui assistent dans cette session verront aussi votre écran&#xa0;: {names}.</translation>
    </message>
    <message>
        <source>{question} — answer in the window that opened.</source>
        <translation>{question} — répondez dans la fenêtre qui vient de s&apos;ouvrir.</translation>
    </message>
    <message>
        <source>Waiting for {name} to let you see their screen…</source>
        <translation>En attente de l&apos;accord de {name} pour voir son écran…</translation>
    </message>
    <message>
        <source>Waiting for {name} to let you control their screen…</source>
        <translation>En attente de l&apos;accord de {name} pour contrôler son écran…</translation>
    </message>
    <message>
        <source>Waiting for {name} to accept seeing your screen…</source>
        <translation>En attente de l&apos;accord de {name} pour lui montrer votre écran…</translation>
    </message>
    <message>
        <source>Waiting for {name} to accept control of your screen…</source>
        <translation>En attente de l&apos;accord de {name} pour lui donner le contrôle de votre écran…</translation>
    </message>
    <message>
        <source>Waiting for {name} to accept…</source>
        <translation>En attente de l&apos;accord de {name}…</translation>
    </message>
    <message>
        <source>{name} can see and control your screen.</source>
        <translation>{name} peut voir et contrôler votre écran.</translation>
    </message>
    <message>
        <source>{name} can see your screen.</source>
        <translation>{name} peut voir votre écran.</translation>
    </message>
    <message>
        <source>You are controlling {name}&apos;s screen.</source>
        <translation>Vous contrôlez l&apos;écran de {name}.</translation>
    </message>
    <message>
        <source>You are viewing {name}&apos;s screen.</source>
        <translation>Vous voyez l&apos;écran de {name}.</translation>
    </message>
    <message>
        <source>{name} refused.</source>
        <translation>{name} a refusé.</translation>
    </message>
    <message>
        <source>The screen could not be captured; sharing stopped.</source>
        <translation>Impossible de capturer l&apos;écran&#xa0;; le partage s&apos;est arrêté.</translation>
    </message>
    <message>
        <source>The connection was lost; sharing stopped.</source>
        <translation>La connexion a été perdue&#xa0;; le partage s&apos;est arrêté.</translation>
    </message>
    <message>
        <source>Something went wrong on this computer; sharing stopped.</source>
        <translation>Un problème est survenu sur cet ordinateur&#xa0;; le partage s&apos;est arrêté.</translation>
    </message>
    <message>
        <source>The session ended; sharing stopped.</source>
        <translation>La session est terminée&#xa0;; le partage s&apos;est arrêté.</translation>
    </message>
    <message>
        <source>Another agent is in charge now; sharing stopped.</source>
        <translation>Un autre agent a désormais la main&#xa0;; le partage est arrêté.</translation>
    </message>
    <message>
        <source>You stopped sharing.</source>
        <translation>Vous avez arrêté le partage.</translation>
    </message>
    <message>
        <source>{name} stopped sharing.</source>
        <translation>{name} a arrêté le partage.</translation>
    </message>
    <message>
        <source>Your screen is not shared.</source>
        <translation>Votre écran n&apos;est pas partagé.</translation>
    </message>
    <message>
        <source>Part of this computer is shared: its own window says what, with Stop.</source>
        <translation>Une partie de cet ordinateur est partagée&#xa0;: sa propre fenêtre dit laquelle, avec Arrêter.</translation>
    </message>
    <message>
        <source>The customer is using their mouse — your input is paused</source>
        <translation>Le client se sert de sa souris — vos commandes sont en pause</translation>
    </message>
    <message>
        <source>{name} is using their mouse — your input is paused</source>
        <translation>{name} se sert de sa souris — vos commandes sont en pause</translation>
    </message>
    <message>
        <source>Your typing was paused while the customer used their computer; nothing you typed meanwhile was sent.</source>
        <translation>Votre saisie a été suspendue pendant que le client utilisait son ordinateur&#xa0;; rien de ce que vous avez tapé entre-temps n&apos;a été envoyé.</translation>
    </message>
    <message>
        <source>Your typing was paused while {name} used their computer; nothing you typed meanwhile was sent.</source>
        <translation>Votre saisie a été suspendue pendant que {name} utilisait son ordinateur&#xa0;; rien de ce que vous avez tapé entre-temps n&apos;a été envoyé.</translation>
    </message>
    <message>
        <source>{agent} asks for your permission</source>
        <translation>{agent} vous demande votre autorisation</translation>
    </message>
    <message>
        <source>Always asked: running scripts, restarting your computer, running programs as another user, voice and video calls, adding a printer that sends your prints to the agent.</source>
        <translation>Toujours demandé&#xa0;: exécuter des scripts, redémarrer votre ordinateur, exécuter des programmes sous un autre utilisateur, appels vocaux et vidéo, ajouter une imprimante qui envoie vos impressions à l&apos;agent.</translation>
    </message>
    <message>
        <source>There is no session with this number.</source>
        <translation>Aucune session ne porte ce numéro.</translation>
    </message>
    <message>
        <source>This session has ended.</source>
        <translation>Cette session est terminée.</translation>
    </message>
    <message>
        <source>The session password is not right.</source>
        <translation>Le mot de passe de la session est incorrect.</translation>
    </message>
    <message>
        <source>This session is full.</source>
        <translation>Cette session est complète.</translation>
    </message>
    <message>
        <source>Unknown user name or wrong password.</source>
        <translation>Nom d&apos;utilisateur inconnu ou mot de passe incorrect.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Connectez-vous d&apos;abord.</translation>
    </message>
    <message>
        <source>Your sign-in has expired; sign in again.</source>
        <translation>Votre connexion a expiré&#xa0;; reconnectez-vous.</translation>
    </message>
    <message>
        <source>There is no open session of yours with this number.</source>
        <translation>Vous n&apos;avez aucune session ouverte avec ce numéro.</translation>
    </message>
    <message>
        <source>Only the agent in charge can end the session.</source>
        <translation>Seul l&apos;agent responsable peut mettre fin à la session.</translation>
    </message>
    <message>
        <source>The agent in charge ends the session instead.</source>
        <translation>C&apos;est l&apos;agent responsable qui met fin à la session.</translation>
    </message>
    <message>
        <source>There is no open session with this number.</source>
        <translation>Il n&apos;y a pas de session ouverte avec ce numéro.</translation>
    </message>
    <message>
        <source>You are already in charge of this session.</source>
        <translation>Vous êtes déjà responsable de cette session.</translation>
    </message>
    <message>
        <source>Only the agent in charge can hand control over.</source>
        <translation>Seul l&apos;agent responsable peut transférer le contrôle.</translation>
    </message>
    <message>
        <source>Only the agent in charge can keep the session.</source>
        <translation>Seul l&apos;agent responsable peut garder la session ouverte.</translation>
    </message>
    <message>
        <source>That agent is not an assistant in this session.</source>
        <translation>Cet agent n&apos;est pas assistant dans cette session.</translation>
    </message>
    <message>
        <source>Only an assistant agent can take over.</source>
        <translation>Seul un agent assistant peut reprendre la session.</translation>
    </message>
    <message>
        <source>The agent in charge has not lost their connection; they can hand control over.</source>
        <translation>L&apos;agent responsable n&apos;a pas perdu sa connexion&#xa0;; il peut transférer le contrôle.</translation>
    </message>
    <message>
        <source>That participant is not connected.</source>
        <translation>Ce participant n&apos;est pas connecté.</translation>
    </message>
    <message>
        <source>This message is too large to pass on.</source>
        <translation>Ce message est trop volumineux pour être transmis.</translation>
    </message>
    <message>
        <source>The support center could not handle this message.</source>
        <translation>Le centre d&apos;assistance n&apos;a pas pu traiter ce message.</translation>
    </message>
    <message>
        <source>Too many connections from your network. Try again later.</source>
        <translation>Trop de connexions depuis votre réseau. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>The support center sent an unexpected answer.</source>
        <translation>Le centre d&apos;assistance a envoyé une réponse inattendue.</translation>
    </message>
    <message>
        <source>The support center did not answer in time.</source>
        <translation>Le centre d&apos;assistance n&apos;a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The support center closed the connection.</source>
        <translation>Le centre d&apos;assistance a fermé la connexion.</translation>
    </message>
    <message>
        <source>Not connected to the support center.</source>
        <translation>Pas de connexion au centre d&apos;assistance.</translation>
    </message>
    <message>
        <source>The agent&apos;s computer could not be reached.</source>
        <translation>Impossible de joindre l&apos;ordinateur de l&apos;agent.</translation>
    </message>
    <message>
        <source>The session ended before it started.</source>
        <translation>La session s&apos;est terminée avant de commencer.</translation>
    </message>
    <message>
        <source>Lost the connection to the support center; reconnecting…</source>
        <translation>Connexion au centre d&apos;assistance perdue&#xa0;; reconnexion en cours…</translation>
    </message>
    <message>
        <source>Connected to the support center again.</source>
        <translation>De nouveau connecté au centre d&apos;assistance.</translation>
    </message>
    <message>
        <source>The support center is not accepting connections.</source>
        <translation>Le centre d&apos;assistance n&apos;accepte aucune connexion.</translation>
    </message>
    <message>
        <source>The support center&apos;s address could not be found.</source>
        <translation>L&apos;adresse du centre d&apos;assistance est introuvable.</translation>
    </message>
    <message>
        <source>The support center did not show the certificate this program trusts, so nothing was sent: the connection may be intercepted, or the center&apos;s certificate has changed.</source>
        <translation>Le centre d&apos;assistance n&apos;a pas présenté le certificat auquel ce programme fait confiance, donc rien n&apos;a été envoyé&#xa0;: la connexion est peut-être interceptée, ou le certificat du centre a changé.</translation>
    </message>
    <message>
        <source>No secure connection to the support center could be set up, so nothing was sent.</source>
        <translation>Aucune connexion sécurisée n&apos;a pu être établie avec le centre d&apos;assistance, donc rien n&apos;a été envoyé.</translation>
    </message>
    <message>
        <source>The support center could not be reached.</source>
        <translation>Le centre d&apos;assistance est injoignable.</translation>
    </message>
    <message>
        <source>Check that this computer is connected to the internet, then try again.</source>
        <translation>Vérifiez que cet ordinateur est connecté à Internet, puis réessayez.</translation>
    </message>
    <message>
        <source>Ask your agent for a new join link.</source>
        <translation>Demandez un nouveau lien d&apos;accès à votre agent.</translation>
    </message>
    <message>
        <source>Try again in a few minutes; if it still fails, ask your agent for a new join link.</source>
        <translation>Réessayez dans quelques minutes&#xa0;; si cela échoue encore, demandez un nouveau lien d&apos;accès à votre agent.</translation>
    </message>
    <message>
        <source>Check the center&apos;s address and that it is running, then try again.</source>
        <translation>Vérifiez l&apos;adresse du centre et qu&apos;il est bien en marche, puis réessayez.</translation>
    </message>
    <message>
        <source>Check the center&apos;s address and this computer&apos;s connection.</source>
        <translation>Vérifiez l&apos;adresse du centre et la connexion de cet ordinateur.</translation>
    </message>
    <message>
        <source>Check the fingerprint with whoever runs the center.</source>
        <translation>Vérifiez l&apos;empreinte auprès de la personne qui gère le centre.</translation>
    </message>
    <message>
        <source>Check that the address is the center&apos;s https:// address.</source>
        <translation>Vérifiez que l&apos;adresse est bien l&apos;adresse https:// du centre.</translation>
    </message>
    <message>
        <source>Too many attempts. Try again in {n} seconds.</source>
        <translation>Trop de tentatives. Réessayez dans {n} secondes.</translation>
    </message>
    <message>
        <source>You already have as many sessions open as allowed; end one first.</source>
        <translation>Vous avez déjà autant de sessions ouvertes que permis&#xa0;; fermez-en une d&apos;abord.</translation>
    </message>
    <message>
        <source>Something went wrong on this computer and one activity stopped; the session goes on.</source>
        <translation>Un problème est survenu sur cet ordinateur et une activité s&apos;est arrêtée&#xa0;; la session continue.</translation>
    </message>
    <message>
        <source>The customer is drawing on their screen — your input is paused</source>
        <translation>Le client dessine sur son écran — vos commandes sont en pause</translation>
    </message>
    <message>
        <source>The agent is drawing on their screen — your input is paused</source>
        <translation>L&apos;agent dessine sur son écran — vos commandes sont en pause</translation>
    </message>
</context>
<context>
    <name>SessionTransferDialog</name>
    <message>
        <source>Transfer the session</source>
        <translation>Transférer la session</translation>
    </message>
    <message>
        <source>Hand session {number} to a queue or to agents. You leave it; your customer stays and waits for the next agent.</source>
        <translation>Confiez la session {number} à une file d&apos;attente ou à des agents. Vous la quittez&#xa0;; votre client reste et attend l&apos;agent suivant.</translation>
    </message>
    <message>
        <source>Queues: pick one</source>
        <translation>Files d&apos;attente&#xa0;: choisissez-en une</translation>
    </message>
    <message>
        <source>Agents: tick one or more</source>
        <translation>Agents&#xa0;: cochez-en un ou plusieurs</translation>
    </message>
    <message>
        <source>Pick one queue:</source>
        <translation>Choisissez une file d&apos;attente&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Queues</source>
        <translation>&amp;Files d&apos;attente</translation>
    </message>
    <message>
        <source>Tick one or more agents:</source>
        <translation>Cochez un ou plusieurs agents&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Agents</source>
        <translation>A&amp;gents</translation>
    </message>
    <message>
        <source>Personal &amp;message (optional, at most {n} characters):</source>
        <translation>&amp;Message personnel (facultatif, {n} caractères au plus)&#xa0;:</translation>
    </message>
    <message>
        <source>Personal message</source>
        <translation>Message personnel</translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation>&amp;Transférer</translation>
    </message>
    <message>
        <source>{title} — {n} waiting</source>
        <translation>{title} — {n} en attente</translation>
    </message>
    <message>
        <source>The agents cannot be listed: {why}</source>
        <translation>La liste des agents n&apos;a pas pu être obtenue&#xa0;: {why}</translation>
    </message>
    <message>
        <source>● {name} ({user}) — online</source>
        <translation>● {name} ({user}) — en ligne</translation>
    </message>
    <message>
        <source>○ {name} ({user}) — offline</source>
        <translation>○ {name} ({user}) — hors ligne</translation>
    </message>
    <message>
        <source>{n} of {most} characters</source>
        <translation>{n} caractères sur {most}</translation>
    </message>
    <message>
        <source>The message has {n} characters; at most {most} may be sent.</source>
        <translation>Le message compte {n} caractères&#xa0;; {most} au plus peuvent être envoyés.</translation>
    </message>
    <message>
        <source>The session was not transferred: {why}</source>
        <translation>La session n&apos;a pas été transférée&#xa0;: {why}</translation>
    </message>
</context>
<context>
    <name>Sessions</name>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>Nouvelle session</translation>
    </message>
    <message>
        <source>{number} — helping {name} ({n} customers)</source>
        <translation>{number} — vous aidez {name} ({n} clients)</translation>
    </message>
    <message>
        <source>{number} — {names}</source>
        <translation>{number} — {names}</translation>
    </message>
    <message>
        <source>{title} — assisting</source>
        <translation>{title} — en assistance</translation>
    </message>
    <message>
        <source>{title} (over)</source>
        <translation>{title} (terminée)</translation>
    </message>
    <message>
        <source>{title} — {n} unread</source>
        <translation>{title} — {n} non lu(s)</translation>
    </message>
</context>
<context>
    <name>SharingIndicator</name>
    <message>
        <source>Tandem — sharing</source>
        <translation>Tandem — partage</translation>
    </message>
    <message>
        <source>Screen sharing indicator</source>
        <translation>Indicateur de partage d&apos;écran</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Stop sharing your screen now</source>
        <translation>Arrêter tout de suite le partage de votre écran</translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation>Arrêter le partage</translation>
    </message>
</context>
<context>
    <name>StopWindow</name>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <source>How did it go?</source>
        <translation>Comment cela s&apos;est-il passé&#xa0;?</translation>
    </message>
    <message>
        <source>Was your problem solved?</source>
        <translation>Votre problème a-t-il été résolu&#xa0;?</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Oui</translation>
    </message>
    <message>
        <source>&amp;Partly</source>
        <translation>&amp;En partie</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Non</translation>
    </message>
    <message>
        <source>How would you rate the help you got?</source>
        <translation>Quelle note donnez-vous à l&apos;aide reçue&#xa0;?</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Mauvaise</translation>
    </message>
    <message>
        <source>{n} out of 5</source>
        <translation>{n} sur 5</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>Excellente</translation>
    </message>
    <message>
        <source>&amp;Comment (optional):</source>
        <translation>&amp;Commentaire (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>En&amp;voyer</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>&amp;Passer</translation>
    </message>
    <message>
        <source>Close without answering</source>
        <translation>Fermer sans répondre</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Your answers could not be sent: {reason}</source>
        <translation>Vos réponses n&apos;ont pas pu être envoyées&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>Sysinfo</name>
    <message>
        <source>{agent} wants to see your computer&apos;s system information</source>
        <translation>{agent} souhaite voir les informations système de votre ordinateur</translation>
    </message>
    <message>
        <source>Your agent will see your operating system, hardware, disks, network adapters, running programs, services, startup programs, installed software, displays and printers. Nothing on your computer is changed.</source>
        <translation>Votre agent verra votre système d&apos;exploitation, votre matériel, vos disques, vos cartes réseau, les programmes en cours, les services, les programmes au démarrage, les logiciels installés, les écrans et les imprimantes. Rien n&apos;est modifié sur votre ordinateur.</translation>
    </message>
    <message>
        <source>No customer is connected to ask.</source>
        <translation>Aucun client connecté à qui le demander.</translation>
    </message>
    <message>
        <source>Asking the customer&apos;s computer (the customer is asked first)…</source>
        <translation>Demande à l&apos;ordinateur du client (le client est d&apos;abord consulté)…</translation>
    </message>
    <message>
        <source>Could not ask: the customer is not connected.</source>
        <translation>Impossible de demander&#xa0;: le client n&apos;est pas connecté.</translation>
    </message>
    <message>
        <source>Collected at {when}.</source>
        <translation>Collectées à {when}.</translation>
    </message>
    <message>
        <source>System information: {name}</source>
        <translation>Informations système&#xa0;: {name}</translation>
    </message>
    <message>
        <source>System information</source>
        <translation>Informations système</translation>
    </message>
    <message>
        <source>Collected {when}</source>
        <translation>Collectées le {when}</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Système d&apos;exploitation</translation>
    </message>
    <message>
        <source>Processor</source>
        <translation>Processeur</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>Disks</source>
        <translation>Disques</translation>
    </message>
    <message>
        <source>Network adapters</source>
        <translation>Cartes réseau</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Startup programs</source>
        <translation>Programmes au démarrage</translation>
    </message>
    <message>
        <source>Installed software</source>
        <translation>Logiciels installés</translation>
    </message>
    <message>
        <source>Displays</source>
        <translation>Écrans</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>Imprimantes</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Propriété</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>Processeur</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Mounted on</source>
        <translation>Monté sur</translation>
    </message>
    <message>
        <source>File system</source>
        <translation>Système de fichiers</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Utilisé</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Libre</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adresses</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>Adresse MAC</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Computer name</source>
        <translation>Nom de l&apos;ordinateur</translation>
    </message>
    <message>
        <source>Logical processors</source>
        <translation>Processeurs logiques</translation>
    </message>
    <message>
        <source>Physical cores</source>
        <translation>Cœurs physiques</translation>
    </message>
    <message>
        <source>Total memory</source>
        <translation>Mémoire totale</translation>
    </message>
    <message>
        <source>Available memory</source>
        <translation>Mémoire disponible</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Démarré le</translation>
    </message>
    <message>
        <source>Up for</source>
        <translation>En marche depuis</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Noyau</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>Compilation</translation>
    </message>
    <message>
        <source>Build number</source>
        <translation>Numéro de build</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architecture</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Fabricant</translation>
    </message>
    <message>
        <source>Firmware version</source>
        <translation>Version du micrologiciel</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numéro de série</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Bureau</translation>
    </message>
    <message>
        <source>Session type</source>
        <translation>Type de session</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installé le</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domaine</translation>
    </message>
    <message>
        <source>Startup disk</source>
        <translation>Disque de démarrage</translation>
    </message>
    <message>
        <source>Secure virtual memory</source>
        <translation>Mémoire virtuelle sécurisée</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Fréquence</translation>
    </message>
    <message>
        <source>Highest frequency</source>
        <translation>Fréquence maximale</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Load average</source>
        <translation>Charge moyenne</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Swap total</source>
        <translation>Espace d&apos;échange total</translation>
    </message>
    <message>
        <source>Swap used</source>
        <translation>Espace d&apos;échange utilisé</translation>
    </message>
    <message>
        <source>Could not be read on the customer&apos;s computer: {why}</source>
        <translation>Lecture impossible sur l&apos;ordinateur du client&#xa0;: {why}</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>Rien trouvé.</translation>
    </message>
    <message>
        <source>The customer did not allow it.</source>
        <translation>Le client ne l&apos;a pas autorisé.</translation>
    </message>
    <message>
        <source>The customer&apos;s computer is still collecting; try again in a moment.</source>
        <translation>L&apos;ordinateur du client collecte encore les informations&#xa0;; réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Asked too often; try again in a minute.</source>
        <translation>Demandé trop souvent&#xa0;; réessayez dans une minute.</translation>
    </message>
    <message>
        <source>Only the agent in charge of the session may ask.</source>
        <translation>Seul l&apos;agent responsable de la session peut le demander.</translation>
    </message>
    <message>
        <source>The connection to the customer was lost.</source>
        <translation>La connexion avec le client a été perdue.</translation>
    </message>
    <message>
        <source>The customer&apos;s computer sent data that breaks the rules; stopped.</source>
        <translation>L&apos;ordinateur du client a envoyé des données qui enfreignent les règles&#xa0;; arrêté.</translation>
    </message>
    <message>
        <source>The customer&apos;s computer could not collect it.</source>
        <translation>L&apos;ordinateur du client n&apos;a pas pu les collecter.</translation>
    </message>
    <message>
        <source>Save system information</source>
        <translation>Enregistrer les informations système</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Fichiers texte (*.txt)</translation>
    </message>
    <message>
        <source>Print system information</source>
        <translation>Imprimer les informations système</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Enregistrer…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>system-information</source>
        <translation>informations-systeme</translation>
    </message>
    <message>
        <source>Could not save: {why}</source>
        <translation>Enregistrement impossible&#xa0;: {why}</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Enregistré dans {path}.</translation>
    </message>
    <message>
        <source>Sent to {printer}.</source>
        <translation>Envoyé à {printer}.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer control</source>
        <translation>Transférer le contrôle</translation>
    </message>
    <message>
        <source>Assistants in this session</source>
        <translation>Assistants dans cette session</translation>
    </message>
    <message>
        <source>You stay in the session as an assistant. Any sharing and file transfer running ends; the agent you pick can hand control back to you.</source>
        <translation>Vous restez dans la session en tant qu&apos;assistant. Tout partage et tout transfert de fichiers en cours prennent fin&#xa0;; l&apos;agent choisi pourra vous rendre le contrôle.</translation>
    </message>
    <message>
        <source>Hand control of session {number} to:</source>
        <translation>Transférer le contrôle de la session {number} à&#xa0;:</translation>
    </message>
    <message>
        <source>No other agent has joined this session as assistant yet.</source>
        <translation>Aucun autre agent n&apos;a encore rejoint cette session en tant qu&apos;assistant.</translation>
    </message>
</context>
<context>
    <name>Verify</name>
    <message>
        <source>New security code: {code} (the connection was made again): compare again</source>
        <translation>Nouveau code de sécurité&#xa0;: {code} (la connexion a été refaite)&#xa0;: comparez de nouveau</translation>
    </message>
    <message>
        <source>Security code: {code}</source>
        <translation>Code de sécurité&#xa0;: {code}</translation>
    </message>
    <message>
        <source>Security code: {code} ✓ verified</source>
        <translation>Code de sécurité&#xa0;: {code} ✓ vérifié</translation>
    </message>
    <message>
        <source>The customer says the codes differ: someone may be in between</source>
        <translation>Le client dit que les codes diffèrent&#xa0;: quelqu&apos;un est peut-être entre vous</translation>
    </message>
    <message>
        <source>No security code: this link broke its rules</source>
        <translation>Pas de code de sécurité&#xa0;: cette liaison n&apos;a pas respecté les règles</translation>
    </message>
    <message>
        <source>Security code: …</source>
        <translation>Code de sécurité&#xa0;: …</translation>
    </message>
    <message>
        <source>{name}: {code_line}</source>
        <translation>{name}&#xa0;: {code_line}</translation>
    </message>
    <message>
        <source>Read this code to the customer (on the phone, say): when theirs is the same, no one sits between your two computers.</source>
        <translation>Lisez ce code au client (au téléphone, par exemple)&#xa0;: si le sien est le même, personne ne se trouve entre vos deux ordinateurs.</translation>
    </message>
    <message>
        <source>Codes match</source>
        <translation>Les codes concordent</translation>
    </message>
    <message>
        <source>Which customer read you the same code?</source>
        <translation>Quel client vous a lu le même code&#xa0;?</translation>
    </message>
    <message>
        <source>The customer read you the same security code: mark the session verified</source>
        <translation>Le client vous a lu le même code de sécurité&#xa0;: marquer la session comme vérifiée</translation>
    </message>
    <message>
        <source>Security code</source>
        <translation>Code de sécurité</translation>
    </message>
    <message>
        <source>The codes differ: someone may be listening in. Leave the session and call your support center on a number you know.</source>
        <translation>Les codes diffèrent&#xa0;: quelqu&apos;un écoute peut-être. Quittez la session et appelez votre centre d&apos;assistance à un numéro que vous connaissez.</translation>
    </message>
    <message>
        <source>No security code could be made: share nothing secret in this session.</source>
        <translation>Aucun code de sécurité n&apos;a pu être établi&#xa0;: ne partagez rien de secret dans cette session.</translation>
    </message>
    <message>
        <source>Click to stop highlighting it.</source>
        <translation>Cliquez pour ne plus le mettre en évidence.</translation>
    </message>
    <message>
        <source>Your agent may read you this code: if theirs is the same, no one sits between your computer and theirs.</source>
        <translation>Votre agent peut vous lire ce code&#xa0;: si le sien est le même, personne ne se trouve entre votre ordinateur et le sien.</translation>
    </message>
    <message>
        <source>Not the same code</source>
        <translation>Pas le même code</translation>
    </message>
    <message>
        <source>New security code: {code} — the connection was made again; compare it with your agent again</source>
        <translation>Nouveau code de sécurité&#xa0;: {code} — la connexion a été refaite&#xa0;; comparez-le de nouveau avec votre agent</translation>
    </message>
    <message>
        <source>The code your agent reads is not this one</source>
        <translation>Le code que lit votre agent n&apos;est pas celui-ci</translation>
    </message>
</context>
<context>
    <name>Video</name>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>Open the Video panel: show your webcam to the customer</source>
        <translation>Ouvrir le panneau Vidéo&#xa0;: montrer votre webcam au client</translation>
    </message>
    <message>
        <source>Start my video</source>
        <translation>Démarrer ma vidéo</translation>
    </message>
    <message>
        <source>Send your webcam&apos;s video to the customer you help; they may then send theirs</source>
        <translation>Envoyer la vidéo de votre webcam au client que vous aidez&#xa0;; il pourra alors envoyer la sienne</translation>
    </message>
    <message>
        <source>Stop my video</source>
        <translation>Arrêter ma vidéo</translation>
    </message>
    <message>
        <source>Stop sending your video (the customer&apos;s stops with it)</source>
        <translation>Arrêter l&apos;envoi de votre vidéo (celle du client s&apos;arrête aussi)</translation>
    </message>
    <message>
        <source>Video options…</source>
        <translation>Options vidéo…</translation>
    </message>
    <message>
        <source>Camera, resolution, quality, brightness and contrast</source>
        <translation>Caméra, résolution, qualité, luminosité et contraste</translation>
    </message>
    <message>
        <source>Your video is being sent to the agent.</source>
        <translation>Votre vidéo est envoyée à l&apos;agent.</translation>
    </message>
    <message>
        <source>The agent shares their video with you.</source>
        <translation>L&apos;agent partage sa vidéo avec vous.</translation>
    </message>
    <message>
        <source>your video</source>
        <translation>votre vidéo</translation>
    </message>
    <message>
        <source>No camera was found: plug one in and try again.</source>
        <translation>Aucune caméra n&apos;a été trouvée&#xa0;: branchez-en une et réessayez.</translation>
    </message>
    <message>
        <source>The camera stopped: the video has ended.</source>
        <translation>La caméra s&apos;est arrêtée&#xa0;: la vidéo est terminée.</translation>
    </message>
    <message>
        <source>Your video was not accepted.</source>
        <translation>Votre vidéo n&apos;a pas été acceptée.</translation>
    </message>
    <message>
        <source>The video has ended.</source>
        <translation>La vidéo est terminée.</translation>
    </message>
    <message>
        <source>The video stopped because of an error.</source>
        <translation>La vidéo s&apos;est arrêtée à cause d&apos;une erreur.</translation>
    </message>
    <message>
        <source>You see each other.</source>
        <translation>Vous vous voyez l&apos;un l&apos;autre.</translation>
    </message>
    <message>
        <source>Your video is being sent.</source>
        <translation>Votre vidéo est envoyée.</translation>
    </message>
    <message>
        <source>You see the customer&apos;s video and the agent&apos;s.</source>
        <translation>Vous voyez la vidéo du client et celle de l&apos;agent.</translation>
    </message>
    <message>
        <source>You see the agent&apos;s video.</source>
        <translation>Vous voyez la vidéo de l&apos;agent.</translation>
    </message>
    <message>
        <source>You see the customer&apos;s video.</source>
        <translation>Vous voyez la vidéo du client.</translation>
    </message>
    <message>
        <source>The agent shares their video. You may start yours.</source>
        <translation>L&apos;agent partage sa vidéo. Vous pouvez démarrer la vôtre.</translation>
    </message>
    <message>
        <source>You can send your video once the agent has started theirs.</source>
        <translation>Vous pourrez envoyer votre vidéo une fois que l&apos;agent aura démarré la sienne.</translation>
    </message>
    <message>
        <source>Click Start my video to show your camera.</source>
        <translation>Cliquez sur Démarrer ma vidéo pour montrer votre caméra.</translation>
    </message>
    <message>
        <source>Your video is still being sent</source>
        <translation>Votre vidéo est toujours envoyée</translation>
    </message>
    <message>
        <source>The customer&apos;s video appears here</source>
        <translation>La vidéo du client apparaît ici</translation>
    </message>
    <message>
        <source>The agent&apos;s video appears here</source>
        <translation>La vidéo de l&apos;agent apparaît ici</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Minimise</source>
        <translation>Réduire</translation>
    </message>
    <message>
        <source>Hide the video panel; your video keeps being sent</source>
        <translation>Masquer le panneau vidéo&#xa0;; votre vidéo continue d&apos;être envoyée</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Video options</source>
        <translation>Options vidéo</translation>
    </message>
    <message>
        <source>Default camera</source>
        <translation>Caméra par défaut</translation>
    </message>
    <message>
        <source>Low (less bandwidth)</source>
        <translation>Basse (moins de bande passante)</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>High (sharper picture)</source>
        <translation>Haute (image plus nette)</translation>
    </message>
    <message>
        <source>Video capture device:</source>
        <translation>Périphérique de capture vidéo&#xa0;:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Résolution&#xa0;:</translation>
    </message>
    <message>
        <source>Quality:</source>
        <translation>Qualité&#xa0;:</translation>
    </message>
    <message>
        <source>Brightness:</source>
        <translation>Luminosité&#xa0;:</translation>
    </message>
    <message>
        <source>Contrast:</source>
        <translation>Contraste&#xa0;:</translation>
    </message>
</context>
<context>
    <name>Voice</name>
    <message>
        <source>Voice call</source>
        <translation>Appel vocal</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>&amp;Couper le micro</translation>
    </message>
    <message>
        <source>&amp;Leave call</source>
        <translation>&amp;Quitter l&apos;appel</translation>
    </message>
    <message>
        <source>&amp;Join call</source>
        <translation>&amp;Rejoindre l&apos;appel</translation>
    </message>
    <message>
        <source>&amp;Volume…</source>
        <translation>Régler le &amp;volume…</translation>
    </message>
    <message>
        <source>Audio &amp;setup…</source>
        <translation>Réglage &amp;audio…</translation>
    </message>
    <message>
        <source>Un&amp;mute</source>
        <translation>Réta&amp;blir le micro</translation>
    </message>
    <message>
        <source>{agent} invites you to a voice call</source>
        <translation>{agent} vous invite à un appel vocal</translation>
    </message>
    <message>
        <source>Your microphone and speakers are used for the call. You speak when the agent passes you the microphone; you can mute yourself or leave the call at any time.</source>
        <translation>Votre micro et vos haut-parleurs servent à l&apos;appel. Vous parlez quand l&apos;agent vous passe le micro&#xa0;; vous pouvez couper votre micro ou quitter l&apos;appel à tout moment.</translation>
    </message>
    <message>
        <source>This computer has no microphone or speakers: the call is not possible here.</source>
        <translation>Cet ordinateur n&apos;a ni micro ni haut-parleurs&#xa0;: l&apos;appel n&apos;est pas possible ici.</translation>
    </message>
    <message>
        <source>{name}&apos;s computer has no microphone or speakers.</source>
        <translation>L&apos;ordinateur de {name} n&apos;a ni micro ni haut-parleurs.</translation>
    </message>
    <message>
        <source>{name} did not join the call.</source>
        <translation>{name} n&apos;a pas rejoint l&apos;appel.</translation>
    </message>
    <message>
        <source>The call had a problem.</source>
        <translation>L&apos;appel a rencontré un problème.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>{name} is not in the call.</source>
        <translation>{name} ne participe pas à l&apos;appel.</translation>
    </message>
    <message>
        <source>A voice call is running. You are not in it.</source>
        <translation>Un appel vocal est en cours. Vous n&apos;y participez pas.</translation>
    </message>
    <message>
        <source>In a voice call.</source>
        <translation>En appel vocal.</translation>
    </message>
    <message>
        <source>Your microphone is muted.</source>
        <translation>Votre micro est coupé.</translation>
    </message>
    <message>
        <source>Speaking: {names}.</source>
        <translation>Parle&#xa0;: {names}.</translation>
    </message>
    <message>
        <source>speaking</source>
        <translation>parle</translation>
    </message>
    <message>
        <source>may speak</source>
        <translation>peut parler</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>écoute</translation>
    </message>
    <message>
        <source>Pass the microphone</source>
        <translation>Passer le micro</translation>
    </message>
    <message>
        <source>Only me (take the microphone back)</source>
        <translation>Moi seul (reprendre le micro)</translation>
    </message>
    <message>
        <source>&amp;Pass</source>
        <translation>&amp;Passer</translation>
    </message>
    <message>
        <source>Who may speak beside you:</source>
        <translation>Qui peut parler avec vous&#xa0;:</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume sonore</translation>
    </message>
    <message>
        <source>&amp;Speakers:</source>
        <translation>&amp;Haut-parleurs&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Micro&#xa0;:</translation>
    </message>
    <message>
        <source>Audio setup</source>
        <translation>Réglage audio</translation>
    </message>
    <message>
        <source>&amp;Play a test sound</source>
        <translation>&amp;Jouer un son de test</translation>
    </message>
    <message>
        <source>Level (speak now):</source>
        <translation>Niveau (parlez maintenant)&#xa0;:</translation>
    </message>
    <message>
        <source>This computer has no microphone or speakers.</source>
        <translation>Cet ordinateur n&apos;a ni micro ni haut-parleurs.</translation>
    </message>
    <message>
        <source>This microphone cannot be opened.</source>
        <translation>Impossible d&apos;ouvrir ce micro.</translation>
    </message>
</context>
</TS>
